package io.zkinfer.inference.estimate;

import io.zkinfer.inference.exec.BatchNormFolding;
import io.zkinfer.inference.exec.ConstantFolding;
import io.zkinfer.inference.exec.ShapeInference;
import io.zkinfer.inference.ir.Dim;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a float model costs: per node and in total, the parameters (floating-point initializer elements consumed),
 * the multiply-accumulates of Gemm, MatMul, Conv and ConvTranspose layers ({@code macs}), the peak activation
 * memory, and the R1CS constraints that {@link ConstraintCostModel} estimates for its quantized circuit at
 * {@code activationBits}. The constraint figures are an <em>estimate</em> under that documented cost model, not a
 * count of a compiled circuit.
 *
 * <p>The graph is prepared as the quantizer prepares it: each input takes the shape given for it, or else its
 * declared shape with a dynamic leading (batch) dimension fixed to 1 (any other dynamic dimension needs a given
 * shape); then constant folding, BatchNormalization folding and shape inference run, and every shape must be
 * static. Peak activation memory is a liveness count over the topological order: a value (graph input or node
 * output; initializers are parameters, not activations) is live from the step that produces it to its last reader
 * (graph outputs to the end), and the peak is the largest total of live elements at any step, reported in
 * elements, in bytes at float32, and in bytes at the quantized width ({@code activationBits / 8} per element).
 */
public record ResourceEstimate(String graphName, int activationBits, int weightBits, List<TensorInfo> inputs,
                               List<NodeEstimate> nodes, long parameters, long macs, long peakActivationElements,
                               long peakActivationBytesFloat32, long peakActivationBytesQuantized,
                               String peakAfterNode, long constraints, SortedMap<String, Long> constraintsByOperator,
                               SortedMap<String, Integer> nodesByOperator) {

    /** The largest shift a weight scale may have (the quantizer's default {@code maxScaleBits}). */
    public static final int MAX_SCALE_BITS = 16;

    public ResourceEstimate {
        inputs = List.copyOf(inputs);
        nodes = List.copyOf(nodes);
        constraintsByOperator = Collections.unmodifiableSortedMap(new TreeMap<>(constraintsByOperator));
        nodesByOperator = Collections.unmodifiableSortedMap(new TreeMap<>(nodesByOperator));
    }

    /** The estimate for {@code floatGraph} with activations and weights of {@code bits} (8 or 16) bits. */
    public static ResourceEstimate of(Graph floatGraph, int bits) {
        return of(floatGraph, bits, bits);
    }

    /**
     * The estimate for {@code floatGraph} with activations of {@code activationBits} and weights of
     * {@code weightBits} (each 8 or 16). Throws {@link IllegalArgumentException} naming the value whose shape stays
     * unknown, or the node no cost rule covers.
     */
    public static ResourceEstimate of(Graph floatGraph, int activationBits, int weightBits) {
        return of(floatGraph, activationBits, weightBits, Map.of());
    }

    /**
     * The estimate for {@code floatGraph} with the inputs named in {@code inputShapes} fixed to those shapes
     * (which must agree with the declared rank and static dimensions), activations of {@code activationBits} and
     * weights of {@code weightBits} (each 8 or 16). Throws {@link IllegalArgumentException} naming the input whose
     * shape is not static, the value whose shape stays unknown, or the node no cost rule covers.
     */
    public static ResourceEstimate of(Graph floatGraph, int activationBits, int weightBits,
                                      Map<String, long[]> inputShapes) {
        if ((activationBits != 8 && activationBits != 16) || (weightBits != 8 && weightBits != 16)) {
            throw new IllegalArgumentException("bits must be 8 or 16, got activations " + activationBits
                    + " and weights " + weightBits);
        }
        Graph g = prepare(floatGraph, inputShapes);
        Map<String, Shape> shapes = ShapeInference.infer(g);
        OperatorCosts costs = new OperatorCosts(shapes, g.initializers(), activationBits, weightBits, MAX_SCALE_BITS);
        List<NodeEstimate> nodes = new ArrayList<>();
        Set<String> parameterNames = new LinkedHashSet<>();
        SortedMap<String, Long> byOp = new TreeMap<>();
        SortedMap<String, Integer> countByOp = new TreeMap<>();
        long macs = 0;
        long constraints = 0;
        for (Node n : g.nodes()) {
            String out = n.outputs().get(0);
            Shape s = shapes.get(out);
            if (!s.isStatic()) {
                throw new IllegalArgumentException("cannot estimate " + n.describe() + ": the shape of its output '"
                        + out + "' is " + s + " even with static input shapes " + g.inputs().stream().map(TensorInfo::shape)
                        .toList());
            }
            long elements = OperatorCosts.product(s.sizes());
            long params = 0;
            for (String in : new LinkedHashSet<>(n.inputs())) {
                Tensor t = in.isEmpty() ? null : g.initializers().get(in);
                if (t != null && t.type().isFloating()) {
                    params += t.size();
                    parameterNames.add(in);
                }
            }
            OperatorCosts.Cost c = costs.of(n, elements);
            macs = Math.addExact(macs, c.macs());
            constraints = Math.addExact(constraints, c.constraints());
            byOp.merge(n.opType(), c.constraints(), Long::sum);
            countByOp.merge(n.opType(), 1, Integer::sum);
            nodes.add(new NodeEstimate(n.name(), n.opType(), boxed(s.sizes()), elements, params, c.macs(),
                    c.constraints(), c.rule()));
        }
        long parameters = parameterNames.stream().mapToLong(name -> g.initializers().get(name).size()).sum();
        long[] peak = peakActivations(g, shapes);
        String peakAfter = peak[1] < 0 ? "(graph inputs)" : g.nodes().get((int) peak[1]).name();
        return new ResourceEstimate(g.name(), activationBits, weightBits, g.inputs(), nodes, parameters, macs,
                peak[0], peak[0] * 4, peak[0] * activationBits / 8, peakAfter, constraints, byOp, countByOp);
    }

    /** {@code floatGraph} with static input shapes, constants and batch normalisations folded. */
    static Graph prepare(Graph floatGraph, Map<String, long[]> inputShapes) {
        for (String name : inputShapes.keySet()) {
            if (floatGraph.inputs().stream().noneMatch(i -> i.name().equals(name))) {
                throw new IllegalArgumentException("a shape is given for '" + name + "', which is not a graph input; "
                        + "the inputs are " + floatGraph.inputs().stream().map(TensorInfo::name).toList());
            }
        }
        List<TensorInfo> inputs = new ArrayList<>();
        for (TensorInfo in : floatGraph.inputs()) {
            inputs.add(new TensorInfo(in.name(), in.type(), Shape.of(staticShape(in, inputShapes.get(in.name())))));
        }
        Graph fixed = new Graph(floatGraph.name(), floatGraph.opset(), inputs, floatGraph.outputs(),
                floatGraph.nodes(), floatGraph.initializers());
        return BatchNormFolding.fold(ConstantFolding.fold(fixed));
    }

    private static long[] staticShape(TensorInfo in, long[] given) {
        List<Dim> dims = in.shape().dims();
        if (given != null) {
            boolean ok = given.length == dims.size();
            for (int d = 0; ok && d < given.length; d++) {
                ok = given[d] >= 0 && (!dims.get(d).isStatic() || dims.get(d).value() == given[d]);
            }
            if (!ok) {
                throw new IllegalArgumentException("the shape " + java.util.Arrays.toString(given) + " given for input '"
                        + in.name() + "' does not match its declared shape " + in.shape());
            }
            return given.clone();
        }
        long[] out = new long[dims.size()];
        for (int d = 0; d < out.length; d++) {
            Dim dim = dims.get(d);
            if (dim.isStatic()) {
                out[d] = dim.value();
            } else if (d == 0) {
                out[d] = 1;
            } else {
                throw new IllegalArgumentException("input '" + in.name() + "' " + in.shape() + " has the dynamic "
                        + "dimension '" + dim + "' at axis " + d + "; only a leading batch dimension is fixed to 1, "
                        + "so give the input's full shape");
            }
        }
        return out;
    }

    /** {peak live elements, index of the node after which it occurs (-1: the inputs alone)}. */
    private static long[] peakActivations(Graph g, Map<String, Shape> shapes) {
        int steps = g.nodes().size();
        Map<String, Integer> defined = new HashMap<>();
        Map<String, Integer> lastUse = new LinkedHashMap<>();
        g.inputs().forEach(i -> {
            defined.put(i.name(), -1);
            lastUse.put(i.name(), -1);
        });
        for (int i = 0; i < steps; i++) {
            Node n = g.nodes().get(i);
            for (String in : n.inputs()) {
                if (defined.containsKey(in)) {
                    lastUse.put(in, i);
                }
            }
            String out = n.outputs().get(0);
            defined.put(out, i);
            lastUse.put(out, i);
        }
        g.outputs().forEach(o -> {
            if (defined.containsKey(o.name())) {
                lastUse.put(o.name(), steps - 1);
            }
        });
        long[] delta = new long[steps + 2]; // index step + 1, so the inputs' step -1 is index 0
        for (var e : lastUse.entrySet()) {
            long elements = OperatorCosts.product(shapes.get(e.getKey()).sizes());
            delta[defined.get(e.getKey()) + 1] += elements;
            delta[Math.max(e.getValue(), defined.get(e.getKey())) + 2] -= elements;
        }
        long live = 0;
        long best = -1;
        int at = -1;
        for (int i = 0; i <= steps; i++) {
            live += delta[i];
            if (live > best) {
                best = live;
                at = i - 1;
            }
        }
        return new long[] {Math.max(0, best), at};
    }

    private static List<Long> boxed(long[] v) {
        List<Long> out = new ArrayList<>();
        for (long x : v) {
            out.add(x);
        }
        return out;
    }
}
