package io.zkinfer.circuits.report;

import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Scope;
import io.zkinfer.circuits.builder.ScopeStatistics;
import io.zkinfer.circuits.builder.Signal;
import io.zkinfer.circuits.gadgets.Maximum;
import io.zkinfer.circuits.gadgets.Range;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text and HTML reports carry the circuit's own statistics, escape every name, and draw one bar per layer. */
class ConstraintReportTest {

    private static final String ODD = "dense<b>&\"x\"'";
    private static final int BITS = 8;

    /**
     * Three layers, as a compiled model would have: {@code input} (four range-checked private inputs), a dense
     * layer with an awkward name (a linear combination per output and a range check), and {@code relu} (a ReLU
     * per output, the largest), the outputs public.
     */
    private static Circuit threeLayers() {
        CircuitBuilder b = new CircuitBuilder();
        List<Signal> x = new ArrayList<>();
        try (Scope s = b.scope("input")) {
            for (int i = 0; i < 4; i++) {
                Signal in = b.privateInput("x" + i, i - 2);
                Range.signed(b, in, BITS);
                x.add(in);
            }
        }
        List<Signal> y = new ArrayList<>();
        try (Scope s = b.scope(ODD)) {
            for (int j = 0; j < 3; j++) {
                Signal acc = b.linear(x.toArray(new Signal[0]), new long[] {1, -2, 3, j});
                Signal h = b.hint("y", acc.value()); // an activation wire, equal to the sum
                b.assertEqual(h, acc);
                Range.signed(b, h, BITS + 4);
                y.add(h);
            }
        }
        try (Scope s = b.scope("relu")) {
            for (int j = 0; j < 3; j++) {
                b.publicOutput("out" + j, Maximum.relu(b, y.get(j), BITS + 6));
            }
        }
        return b.build();
    }

    private static Map<String, String> facts() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("model", "tiny <net>.onnx");
        f.put("visibility", "input private, output public, weights fixed");
        return f;
    }

    private static ConstraintReport report(Circuit c) {
        return ConstraintReport.of(c, "tiny & <odd>", facts(), Map.of(ODD, "IntMatMul", "relu", "Relu"));
    }

    @Test
    void layersAreTheTopLevelScopesInGraphOrderWithTheirStatistics() {
        Circuit c = threeLayers();
        ConstraintReport r = report(c);
        assertEquals(List.of("input", ODD, "relu"), r.layers().stream().map(ConstraintReport.Layer::name).toList());
        assertEquals(List.of("input", "IntMatMul", "Relu"),
                r.layers().stream().map(ConstraintReport.Layer::opType).toList());
        long sumC = 0;
        long sumW = 0;
        for (ConstraintReport.Layer l : r.layers()) {
            ScopeStatistics s = c.statistics(l.name());
            assertEquals(s.totalConstraints(), l.constraints(), l.name());
            assertEquals(s.totalWires(), l.wires(), l.name());
            assertTrue(l.constraints() > 0, l.name());
            sumC += l.constraints();
            sumW += l.wires();
        }
        assertEquals(c.numConstraints(), r.totalConstraints());
        assertEquals(c.numConstraints(), sumC, "every constraint is in a layer");
        assertEquals(c.r1cs().numWires() - 1, r.totalWires());
        assertEquals(r.totalWires(), sumW, "every wire is in a layer");
        assertEquals("relu", r.largestLayer().name());
    }

    @Test
    void theTextTablesCarryTheStatisticsAndTheirShares() {
        Circuit c = threeLayers();
        ConstraintReport r = report(c);
        String text = r.toText();
        for (ConstraintReport.Layer l : r.layers()) {
            ScopeStatistics s = c.statistics(l.name());
            List<String> cells = text.lines().map(line -> List.of(line.trim().split("\\s{2,}")))
                    .filter(row -> row.size() == 6 && row.get(1).equals(l.name())).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + l.name() + " in\n" + text));
            String row = String.join(" | ", cells);
            assertEquals(s.totalConstraints(), number(cells.get(3)), row);
            assertEquals(percent(s.totalConstraints(), c.numConstraints()), cells.get(4), row);
            assertEquals(s.totalWires(), number(cells.get(5)), row);
        }
        String total = text.lines().filter(line -> line.trim().startsWith("total") && line.contains("100.0%"))
                .findFirst().orElseThrow();
        assertTrue(total.contains(ConstraintReport.count(c.numConstraints())), total);
        assertTrue(text.contains("IntMatMul       1"), "operator table:\n" + text);
        assertTrue(text.contains("model: tiny <net>.onnx"), text); // plain text is not escaped
    }

    @Test
    void theHtmlTableCarriesTheStatistics() {
        Circuit c = threeLayers();
        ConstraintReport r = report(c);
        String html = r.toHtml();
        Matcher m = Pattern.compile("<tr(?: class=\"largest\")?><td>(\\d+)</td><td>(.*?)</td><td>(.*?)</td>"
                + "<td class=\"n\">([\\d,]+)</td><td class=\"n\">([\\d.]+%)</td><td class=\"n\">([\\d,]+)</td></tr>")
                .matcher(html);
        int rows = 0;
        while (m.find()) {
            ConstraintReport.Layer l = r.layers().get(rows++);
            assertEquals(HtmlReport.escape(l.name()), m.group(2));
            ScopeStatistics s = c.statistics(l.name());
            assertEquals(s.totalConstraints(), number(m.group(4)));
            assertEquals(percent(s.totalConstraints(), c.numConstraints()), m.group(5));
            assertEquals(s.totalWires(), number(m.group(6)));
        }
        assertEquals(3, rows, html);
        assertTrue(html.contains("<strong>" + ConstraintReport.count(c.numConstraints()) + "</strong> constraints"));
    }

    @Test
    void everyNameIsEscaped() {
        String html = report(threeLayers()).toHtml();
        assertFalse(html.contains(ODD), "a raw name reached the page");
        assertFalse(html.contains("<net>"), "a raw fact reached the page");
        assertFalse(html.contains("tiny & <odd>"), "the raw title reached the page");
        assertTrue(html.contains("dense&lt;b&gt;&amp;&quot;x&quot;&#39;"), html);
        assertTrue(html.contains("<title>Constraints of tiny &amp; &lt;odd&gt;</title>"));
        assertEquals("a&lt;b&gt;&amp;&quot;&#39;", HtmlReport.escape("a<b>&\"'"));
    }

    @Test
    void theChartHasOneBarPerLayerAndHighlightsTheLargest() {
        ConstraintReport r = report(threeLayers());
        String html = r.toHtml();
        assertEquals(r.layers().size(), occurrences(html, "<rect class=\"bar"));
        assertEquals(1, occurrences(html, "<rect class=\"bar largest\""));
        int largest = html.indexOf("<rect class=\"bar largest\"");
        int labelOfLargest = html.lastIndexOf("<text class=\"label\"", largest);
        assertTrue(html.startsWith("<text class=\"label\" x=\"192\" y=\"", labelOfLargest));
        assertTrue(html.substring(labelOfLargest, largest).contains(">relu</text>"), html);
        assertEquals(1, occurrences(html, "<tr class=\"largest\">"));
    }

    @Test
    void thePageIsSelfContained() {
        String html = report(threeLayers()).toHtml();
        for (String external : List.of("<script", "src=", "href=", "@import", "url(", "<link")) {
            assertFalse(html.contains(external), "the page refers outside itself: " + external);
        }
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<svg class=\"chart\""));
    }

    @Test
    void constraintsOutsideEveryScopeFormTheirOwnRowAndOperatorTypesGroupLayers() {
        CircuitBuilder b = new CircuitBuilder();
        Signal x = b.privateInput("x", 3);
        Range.unsigned(b, x, 4); // 5 constraints outside every scope
        for (String layer : List.of("fc1", "fc2")) {
            try (Scope s = b.scope(layer)) {
                Range.unsigned(b, b.mul(x, x), 8);
            }
        }
        Circuit c = b.build();
        ConstraintReport r = ConstraintReport.of(c, "t", Map.of(), Map.of("fc1", "IntMatMul", "fc2", "IntMatMul"));
        ConstraintReport.Layer unscoped = r.layers().get(r.layers().size() - 1);
        assertEquals(ConstraintReport.UNSCOPED, unscoped.name());
        assertEquals(5, unscoped.constraints());
        assertEquals(c.numConstraints(), r.layers().stream().mapToLong(ConstraintReport.Layer::constraints).sum());
        assertEquals(List.of(new ConstraintReport.OperatorTotal("IntMatMul", 2, c.statistics("fc1").totalConstraints()
                        + c.statistics("fc2").totalConstraints(), c.statistics("fc1").totalWires()
                        + c.statistics("fc2").totalWires()),
                new ConstraintReport.OperatorTotal(ConstraintReport.UNSCOPED, 1, 5, unscoped.wires())), r.operators());
        assertEquals(3, occurrences(r.toHtml(), "<rect class=\"bar"));
    }

    private static long number(String grouped) {
        return Long.parseLong(grouped.replace(",", ""));
    }

    private static String percent(long part, long total) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * part / total);
    }

    private static int occurrences(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
