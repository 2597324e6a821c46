package io.zkinfer.circuits.report;

import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.ScopeStatistics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the constraints of a built {@link Circuit} go: one row per layer — a top-level scope, which for a compiled
 * model is one node of the graph (plus the {@code input}, {@code output} and {@code commit} scopes) — in the order
 * the scopes were opened, which is graph order; and one row per operator type, in order of first appearance. Every
 * row gives its constraints, its share of the total and its wires, taken from {@link Circuit#statistics()}: a
 * layer's numbers are its scope's totals (nested scopes included), and constraints or wires made outside every
 * scope form one more row, {@value #UNSCOPED}, so the rows add up to the circuit's totals.
 *
 * <p>{@link #toText()} is the table {@code zkinfer compile --stats} prints; {@link #toHtml()} is the one-page
 * report of {@code zkinfer compile --report}. Immutable.
 */
public final class ConstraintReport {

    /** The row name of constraints and wires made outside every scope. */
    public static final String UNSCOPED = "(unscoped)";

    /**
     * One layer: a top-level scope.
     *
     * @param name        the scope's name (a node name with {@code /} replaced by {@code _}, for a compiled model)
     * @param opType      its operator type: the caller's, else the scope name itself
     * @param constraints the scope's constraints, nested scopes included
     * @param wires       the scope's wires, nested scopes included
     */
    public record Layer(String name, String opType, long constraints, long wires) {
    }

    /**
     * The layers of one operator type together.
     *
     * @param layers how many layers have this type
     */
    public record OperatorTotal(String opType, int layers, long constraints, long wires) {
    }

    private final String title;
    private final Map<String, String> facts;
    private final List<Layer> layers;
    private final List<OperatorTotal> operators;
    private final long totalConstraints;
    private final long totalWires;

    private ConstraintReport(String title, Map<String, String> facts, List<Layer> layers,
                             List<OperatorTotal> operators, long totalConstraints, long totalWires) {
        this.title = title;
        this.facts = facts;
        this.layers = layers;
        this.operators = operators;
        this.totalConstraints = totalConstraints;
        this.totalWires = totalWires;
    }

    /**
     * The report of {@code circuit}.
     *
     * @param title   a heading, e.g. the model file's name
     * @param facts   labelled facts shown above the tables in this order (model, visibility, counts…)
     * @param opTypes operator type per top-level scope name; a scope absent from it is its own type
     */
    public static ConstraintReport of(Circuit circuit, String title, Map<String, String> facts,
                                      Map<String, String> opTypes) {
        Objects.requireNonNull(circuit, "circuit");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(opTypes, "opTypes");
        List<ScopeStatistics> stats = circuit.statistics();
        ScopeStatistics root = stats.get(0);
        List<Layer> layers = new ArrayList<>();
        for (ScopeStatistics s : stats) {
            if (s.depth() == 1) {
                layers.add(new Layer(s.path(), opTypes.getOrDefault(s.path(), s.path()), s.totalConstraints(),
                        s.totalWires()));
            }
        }
        if (root.ownConstraints() > 0 || root.ownWires() > 0) {
            layers.add(new Layer(UNSCOPED, UNSCOPED, root.ownConstraints(), root.ownWires()));
        }
        Map<String, long[]> byType = new LinkedHashMap<>(); // type -> {layers, constraints, wires}
        for (Layer l : layers) {
            long[] t = byType.computeIfAbsent(l.opType(), k -> new long[3]);
            t[0]++;
            t[1] += l.constraints();
            t[2] += l.wires();
        }
        List<OperatorTotal> operators = new ArrayList<>();
        byType.forEach((type, t) -> operators.add(new OperatorTotal(type, (int) t[0], t[1], t[2])));
        return new ConstraintReport(title, Collections.unmodifiableMap(new LinkedHashMap<>(facts)),
                List.copyOf(layers), List.copyOf(operators), root.totalConstraints(), root.totalWires());
    }

    public String title() {
        return title;
    }

    /** The labelled facts, in the caller's order. */
    public Map<String, String> facts() {
        return facts;
    }

    /** The layers in graph order (scope opening order), then {@value #UNSCOPED} if anything was made outside. */
    public List<Layer> layers() {
        return layers;
    }

    /** The operator types in order of first appearance. */
    public List<OperatorTotal> operators() {
        return operators;
    }

    /** All constraints of the circuit. */
    public long totalConstraints() {
        return totalConstraints;
    }

    /** All wires of the circuit but wire 0 (the constant 1). */
    public long totalWires() {
        return totalWires;
    }

    /** The layer with the most constraints (the first of equals); null for a circuit without layers. */
    public Layer largestLayer() {
        Layer best = null;
        for (Layer l : layers) {
            if (best == null || l.constraints() > best.constraints()) {
                best = l;
            }
        }
        return best;
    }

    /** {@code part} as a percentage of the total constraints, one decimal ({@code 0.0%} of an empty circuit). */
    public String share(long part) {
        double pct = totalConstraints == 0 ? 0 : 100.0 * part / totalConstraints;
        return String.format(Locale.ROOT, "%.1f%%", pct);
    }

    /** A count with thousands separators, {@code 1,234,567}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The title and facts, then {@link #tables()}. Lines end with {@code \n}. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("Constraints of ").append(title).append('\n');
        facts.forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
        return out.append('\n').append(tables()).toString();
    }

    /**
     * The two plain-text tables, {@code constraints per layer:} (in graph order) and {@code constraints per
     * operator:} (in order of first appearance), each row with constraints, share and wires, each table ending
     * with the totals. Lines end with {@code \n}.
     */
    public String tables() {
        StringBuilder out = new StringBuilder();
        int nameWidth = Math.max("layer".length(), layers.stream().mapToInt(l -> l.name().length()).max().orElse(0));
        int typeWidth = Math.max("operator".length(),
                operators.stream().mapToInt(o -> o.opType().length()).max().orElse(0));
        int numWidth = Math.max("constraints".length(), count(Math.max(totalConstraints, totalWires)).length());
        String layerRow = "%4s  %-" + nameWidth + "s  %-" + typeWidth + "s  %" + numWidth + "s  %6s  %" + numWidth
                + "s\n";
        out.append("constraints per layer:\n");
        out.append(String.format(Locale.ROOT, layerRow, "#", "layer", "operator", "constraints", "share", "wires"));
        int i = 1;
        for (Layer l : layers) {
            out.append(String.format(Locale.ROOT, layerRow, i++, l.name(), l.opType(), count(l.constraints()),
                    share(l.constraints()), count(l.wires())));
        }
        out.append(String.format(Locale.ROOT, layerRow, "", "total", "", count(totalConstraints),
                share(totalConstraints), count(totalWires)));
        String typeRow = "  %-" + typeWidth + "s  %6s  %" + numWidth + "s  %6s  %" + numWidth + "s\n";
        out.append("\nconstraints per operator:\n");
        out.append(String.format(Locale.ROOT, typeRow, "operator", "layers", "constraints", "share", "wires"));
        for (OperatorTotal o : operators) {
            out.append(String.format(Locale.ROOT, typeRow, o.opType(), o.layers(), count(o.constraints()),
                    share(o.constraints()), count(o.wires())));
        }
        out.append(String.format(Locale.ROOT, typeRow, "total", layers.size(), count(totalConstraints),
                share(totalConstraints), count(totalWires)));
        return out.toString();
    }

    /**
     * A self-contained HTML page (no scripts, fonts or other files): the facts and totals, a bar chart of the
     * constraints per layer as inline SVG with the largest layer highlighted, and both tables. Every name is
     * escaped.
     */
    public String toHtml() {
        return HtmlReport.render(this);
    }
}
