package io.zkinfer.circuits.report;

import java.util.List;
import java.util.Locale;

/**
 * The one-page HTML form of a {@link ConstraintReport}: inline CSS and SVG only, so the file opens anywhere,
 * offline, and can be mailed or archived as is. Text is escaped for HTML ({@code & < > " '}).
 */
final class HtmlReport {

    static final int CHART_WIDTH = 760;
    private static final int LABEL_WIDTH = 200;
    private static final int VALUE_WIDTH = 130;
    private static final int ROW_HEIGHT = 22;
    private static final int BAR_HEIGHT = 14;
    private static final int LABEL_CHARS = 28;

    private HtmlReport() {
    }

    static String render(ConstraintReport r) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.append("<title>Constraints of ").append(escape(r.title())).append("</title>\n");
        h.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>Constraints of ").append(escape(r.title())).append("</h1>\n");
        ConstraintReport.Layer largest = r.largestLayer();
        h.append("<p class=\"totals\"><strong>").append(ConstraintReport.count(r.totalConstraints()))
                .append("</strong> constraints &middot; <strong>").append(ConstraintReport.count(r.totalWires()))
                .append("</strong> wires &middot; <strong>").append(r.layers().size()).append("</strong> layers");
        if (largest != null) {
            h.append(" &middot; largest: <strong>").append(escape(largest.name())).append("</strong> (")
                    .append(r.share(largest.constraints())).append(")");
        }
        h.append("</p>\n");
        if (!r.facts().isEmpty()) {
            h.append("<dl class=\"facts\">\n");
            r.facts().forEach((k, v) -> h.append("<dt>").append(escape(k)).append("</dt><dd>").append(escape(v))
                    .append("</dd>\n"));
            h.append("</dl>\n");
        }
        h.append("<h2>Constraints per layer</h2>\n");
        chart(h, r, largest);
        layerTable(h, r, largest);
        h.append("<h2>Constraints per operator type</h2>\n");
        operatorTable(h, r);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** One horizontal bar per layer, scaled to the largest; the largest drawn in the highlight colour. */
    private static void chart(StringBuilder h, ConstraintReport r, ConstraintReport.Layer largest) {
        List<ConstraintReport.Layer> layers = r.layers();
        int height = Math.max(1, layers.size()) * ROW_HEIGHT + 8;
        int barSpace = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        long max = largest == null ? 0 : largest.constraints();
        h.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(CHART_WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"constraints per layer\">\n");
        for (int i = 0; i < layers.size(); i++) {
            ConstraintReport.Layer l = layers.get(i);
            int y = 4 + i * ROW_HEIGHT;
            double w = max == 0 ? 0 : (double) barSpace * l.constraints() / max;
            String label = l.name().length() <= LABEL_CHARS ? l.name()
                    : l.name().substring(0, LABEL_CHARS - 1) + "\u2026";
            h.append("<g><title>").append(escape(l.name())).append(" (").append(escape(l.opType())).append("): ")
                    .append(ConstraintReport.count(l.constraints())).append(" constraints, ")
                    .append(r.share(l.constraints())).append("</title>");
            h.append("<text class=\"label\" x=\"").append(LABEL_WIDTH - 8).append("\" y=\"")
                    .append(y + BAR_HEIGHT - 3).append("\">").append(escape(label)).append("</text>");
            h.append("<rect class=\"bar").append(l == largest ? " largest" : "").append("\" x=\"")
                    .append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
                    .append(String.format(Locale.ROOT, "%.1f", Math.max(w, l.constraints() > 0 ? 1 : 0)))
                    .append("\" height=\"").append(BAR_HEIGHT).append("\"/>");
            h.append("<text class=\"value\" x=\"").append(String.format(Locale.ROOT, "%.1f", LABEL_WIDTH + w + 6))
                    .append("\" y=\"").append(y + BAR_HEIGHT - 3).append("\">")
                    .append(ConstraintReport.count(l.constraints())).append(" (").append(r.share(l.constraints()))
                    .append(")</text></g>\n");
        }
        h.append("</svg>\n");
    }

    private static void layerTable(StringBuilder h, ConstraintReport r, ConstraintReport.Layer largest) {
        h.append("<table class=\"layers\">\n<thead><tr><th>#</th><th>layer</th><th>operator</th>"
                + "<th>constraints</th><th>share</th><th>wires</th></tr></thead>\n<tbody>\n");
        int i = 1;
        for (ConstraintReport.Layer l : r.layers()) {
            h.append(l == largest ? "<tr class=\"largest\">" : "<tr>").append("<td>").append(i++).append("</td><td>")
                    .append(escape(l.name())).append("</td><td>").append(escape(l.opType()))
                    .append("</td><td class=\"n\">").append(ConstraintReport.count(l.constraints()))
                    .append("</td><td class=\"n\">").append(r.share(l.constraints()))
                    .append("</td><td class=\"n\">").append(ConstraintReport.count(l.wires())).append("</td></tr>\n");
        }
        h.append("</tbody>\n<tfoot><tr><td></td><td>total</td><td></td><td class=\"n\">")
                .append(ConstraintReport.count(r.totalConstraints())).append("</td><td class=\"n\">")
                .append(r.share(r.totalConstraints())).append("</td><td class=\"n\">")
                .append(ConstraintReport.count(r.totalWires())).append("</td></tr></tfoot>\n</table>\n");
    }

    private static void operatorTable(StringBuilder h, ConstraintReport r) {
        h.append("<table class=\"operators\">\n<thead><tr><th>operator</th><th>layers</th><th>constraints</th>"
                + "<th>share</th><th>wires</th></tr></thead>\n<tbody>\n");
        for (ConstraintReport.OperatorTotal o : r.operators()) {
            h.append("<tr><td>").append(escape(o.opType())).append("</td><td class=\"n\">").append(o.layers())
                    .append("</td><td class=\"n\">").append(ConstraintReport.count(o.constraints()))
                    .append("</td><td class=\"n\">").append(r.share(o.constraints()))
                    .append("</td><td class=\"n\">").append(ConstraintReport.count(o.wires())).append("</td></tr>\n");
        }
        h.append("</tbody>\n<tfoot><tr><td>total</td><td class=\"n\">").append(r.layers().size())
                .append("</td><td class=\"n\">").append(ConstraintReport.count(r.totalConstraints()))
                .append("</td><td class=\"n\">").append(r.share(r.totalConstraints())).append("</td><td class=\"n\">")
                .append(ConstraintReport.count(r.totalWires())).append("</td></tr></tfoot>\n</table>\n");
    }

    /** {@code text} with {@code & < > " '} replaced by character references. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto;
                   max-width: 800px; color: #1d2430; }
            h1 { font-size: 1.4em; margin-bottom: 0.2em; }
            h2 { font-size: 1.1em; margin-top: 1.6em; }
            .totals { font-size: 1.05em; }
            dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.15em 1em; }
            dl.facts dt { color: #5a6372; }
            dl.facts dd { margin: 0; }
            svg.chart .bar { fill: #8fa8c8; }
            svg.chart .bar.largest { fill: #d9534f; }
            svg.chart text { font-size: 12px; fill: #1d2430; }
            svg.chart text.label { text-anchor: end; }
            table { border-collapse: collapse; width: 100%; margin-top: 0.6em; font-size: 0.92em; }
            th, td { padding: 0.2em 0.6em; border-bottom: 1px solid #e3e6eb; text-align: left; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            tr.largest td { background: #fbe9e8; font-weight: 600; }
            tfoot td { font-weight: 600; border-top: 2px solid #1d2430; }
            """;
}
