package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.gadgets.Interval;
import io.zkinfer.inference.exec.IntegerDataOps;
import io.zkinfer.inference.exec.Nd;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.quant.QuantSettings;
import io.zkinfer.inference.quant.QuantizedModel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the compiler knows of a model before it sees an input: the initializers, which of them are weights (the
 * tensors a {@code hashed} weights commitment covers, in commitment order), the input shapes the circuit is built
 * for, which {@code Relu}s fold into the {@code Rescale} before them, and per-node data prepared once for every
 * build (encoded weight columns). Immutable apart from that cache; shared by concurrent builds.
 */
final class ModelPlan {

    /** The integer operators of docs/quantization.md, section 3. */
    static final Set<String> INTEGER_OPERATORS = Set.of("IntMatMul", "IntConv", "IntConvTranspose", "IntAdd",
            "IntSub", "IntMul", "IntDiv", "Rescale", "Lookup", "IntSum", "IntMean", "IntAvgPool", "IntSoftmax");
    /** Operators whose constant operands are weights (learned parameters), docs/quantization.md, section 6. */
    static final Set<String> WEIGHTED_OPERATORS = Set.of("IntMatMul", "IntConv", "IntConvTranspose", "IntAdd",
            "IntSub", "IntMul");

    final QuantizedModel model;
    final Graph graph;
    final VisibilityOptions visibility;
    final int activationBits;
    /** Every initializer, converted once. */
    final Map<String, Nd> initializers;
    /** Weight initializers: every INT64 initializer operand of a weighted operator, node order, operand order. */
    final List<String> weights;
    /** Graph input name to the shape the circuit takes (declared sizes, dynamic dimensions 1), graph order. */
    final Map<String, long[]> inputShapes;
    /** For each node: the index of the Relu folded into it (a Rescale), or −1. */
    final int[] reluFoldedInto;
    /** Whether each node is a Relu folded into the Rescale before it. */
    final boolean[] folded;
    /**
     * Whether each node is a linear operator with constant weights whose output only a Rescale with every
     * {@code div > 1} uses: that Rescale derives its hints from the accumulator's value alone (its remainder's bits
     * make the quotient a fresh combination whatever the accumulator's terms), so a witness-only build may take the
     * accumulator from the executor's kernel as an opaque combination of the same value.
     */
    final boolean[] valueOnly;
    private final Map<Integer, Object> prepared = new ConcurrentHashMap<>();

    ModelPlan(QuantizedModel model, VisibilityOptions visibility) {
        this.model = model;
        this.graph = model.graph();
        this.visibility = visibility;
        this.activationBits = model.settings().options().activationBits();
        List<Node> nodes = graph.nodes();
        for (Node n : nodes) {
            if (!INTEGER_OPERATORS.contains(n.opType()) && !IntegerDataOps.MOVEMENT_OPERATORS.contains(n.opType())) {
                throw new UnsupportedOperatorException(n.opType(), n.name(), "it is not an operator of a quantized"
                        + " model (docs/quantization.md, sections 3 and 4), so the integer executor does not run it"
                        + " either", "a definition of its integer semantics first", "quantizing the float model"
                        + " again so that it uses the integer operators " + new java.util.TreeSet<>(INTEGER_OPERATORS)
                        + " and the data movements " + new java.util.TreeSet<>(IntegerDataOps.MOVEMENT_OPERATORS));
            }
        }
        Map<String, Nd> inits = new LinkedHashMap<>();
        graph.initializers().forEach((name, t) -> inits.put(name, Nd.of(t)));
        this.initializers = Collections.unmodifiableMap(inits);
        this.weights = List.copyOf(weights(graph));
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (TensorInfo in : graph.inputs()) {
            shapes.put(in.name(), in.shape().dims().stream().mapToLong(d -> d.isStatic() ? d.value() : 1).toArray());
        }
        this.inputShapes = Collections.unmodifiableMap(shapes);
        this.reluFoldedInto = new int[nodes.size()];
        this.folded = new boolean[nodes.size()];
        this.valueOnly = new boolean[nodes.size()];
        foldRelus(nodes);
    }

    private static Set<String> weights(Graph graph) {
        Set<String> out = new LinkedHashSet<>();
        for (Node n : graph.nodes()) {
            if (!WEIGHTED_OPERATORS.contains(n.opType())) {
                continue;
            }
            for (int i = 0; i < n.inputs().size(); i++) {
                Tensor t = n.hasInput(i) ? graph.initializers().get(n.inputs().get(i)) : null;
                if (t != null && !t.type().isFloating()) {
                    out.add(n.inputs().get(i));
                }
            }
        }
        return out;
    }

    /**
     * A Relu whose input is a Rescale's output and that Rescale's only use (not a graph output) is the Rescale with
     * {@code lo' = max(lo, 0)}, {@code hi' = max(hi, 0)}: {@code max(clamp(q, lo, hi), 0) = clamp(q, lo', hi')},
     * one clamp instead of a clamp and a sign test.
     */
    private void foldRelus(List<Node> nodes) {
        Map<String, Integer> uses = new HashMap<>();
        Map<String, Integer> producer = new HashMap<>();
        for (int k = 0; k < nodes.size(); k++) {
            for (String in : nodes.get(k).inputs()) {
                uses.merge(in, 1, Integer::sum);
            }
            producer.put(nodes.get(k).outputs().get(0), k);
        }
        for (TensorInfo out : graph.outputs()) {
            uses.merge(out.name(), 1, Integer::sum);
        }
        java.util.Arrays.fill(reluFoldedInto, -1);
        Map<String, Node> consumer = new HashMap<>();
        for (Node n : nodes) {
            for (String in : n.inputs()) {
                consumer.put(in, n);
            }
        }
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            String out = n.outputs().get(0);
            Node next = consumer.get(out);
            valueOnly[k] = (n.opType().equals("IntMatMul") || n.opType().equals("IntConv")
                    || n.opType().equals("IntConvTranspose")) && uses.getOrDefault(out, 0) == 1 && next != null
                    && next.opType().equals("Rescale") && next.inputs().get(0).equals(out)
                    && java.util.Arrays.stream(next.intsAttr("div", new long[] {1})).allMatch(d -> d > 1);
        }
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            Integer from = n.opType().equals("Relu") ? producer.get(n.inputs().get(0)) : null;
            if (from != null && nodes.get(from).opType().equals("Rescale") && uses.get(n.inputs().get(0)) == 1) {
                reluFoldedInto[from] = k;
                folded[k] = true;
            }
        }
    }

    /** Data for node {@code node} computed once per model by {@code make}. */
    @SuppressWarnings("unchecked")
    <T> T prepared(int node, Supplier<T> make) {
        return (T) prepared.computeIfAbsent(node, k -> make.get());
    }

    /**
     * The range of weight {@code name} when it is a private input (hashed weights): the quantizer's static bound,
     * which the settings publish anyway, so that the circuit's shape reveals nothing more of the weights.
     */
    Interval weightRange(String name) {
        return model.settings().tensor(name).map(QuantSettings.TensorScale::bound).map(Interval::magnitude)
                .orElseGet(() -> {
                    long[] v = initializers.get(name).longs("weight " + name);
                    long m = 0;
                    for (long x : v) {
                        m = Math.max(m, Math.abs(x));
                    }
                    return Interval.magnitude(m);
                });
    }

    /** Every weight element, in commitment order. */
    long[] weightValues() {
        List<long[]> parts = new ArrayList<>();
        int n = 0;
        for (String w : weights) {
            long[] v = initializers.get(w).longs("weight " + w);
            parts.add(v);
            n += v.length;
        }
        long[] all = new long[n];
        int at = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
