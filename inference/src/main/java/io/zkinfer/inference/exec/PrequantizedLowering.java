package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites the pre-quantized forms of a model (ONNX's QDQ and QOperator formats) into the float graph they
 * approximate, so that the quantizer can re-quantize it with its own power-of-two scales:
 * <ul>
 * <li>{@code DequantizeLinear} (and {@code QuantizeLinear}) of constants become float constants, per tensor or per
 * axis: {@code (w - zero_point) * scale}.</li>
 * <li>{@code QuantizeLinear(x, s, z)} on an activation is removed: its output stands for {@code x}, and a
 * {@code DequantizeLinear} of it with the same {@code s, z} (and axis) becomes {@code x} itself. The rounding and
 * saturation of the original quantization are dropped; the quantizer's own quantization replaces them, so that
 * difference shows in the accuracy report, not here.</li>
 * <li>{@code QLinearMatMul} / {@code QLinearConv} become {@code MatMul} / {@code Conv} of the float input with the
 * dequantized weights ({@code (w - w_zero_point) * w_scale}, per column / output channel) and, for QLinearConv, the
 * float bias {@code bias * x_scale * w_scale}; their quantized output stands for that float result, with scale
 * {@code y_scale} and zero point {@code y_zero_point}. QLinearMatMul's B may also be a quantized activation.</li>
 * <li>{@code MatMulInteger} / {@code ConvInteger} whose activation is a quantized value of scale {@code s} and the
 * same zero point become {@code MatMul} / {@code Conv} with weights {@code (W - zero_point_w) / s}: the float
 * equivalent of the INT32 accumulator. The accumulator may only be read by {@code Cast(to = FLOAT)}, which then
 * stands for that float result. The {@code Mul} by the scale product that exporters put after it is folded into those
 * weights when it is the cast's only reader and its factor a float constant, scalar or (for MatMul) one per output
 * column, so the weights become the dequantized ones and the quantizer rounds once; any other Mul stays.</li>
 * </ul>
 * Every rewrite is exact up to float rounding except the dropped rounding and saturation of quantization. Anything
 * else that touches a quantized value (an integer graph input or output, mismatched scales or zero points, a
 * quantized value read by another operator) is refused with an {@link IllegalArgumentException} naming the node, the
 * pattern and what is supported. Constants are folded first ({@link ConstantFolding}), so weights reached through
 * constant subgraphs count as constants. A graph without pre-quantized operators is returned unchanged.
 */
public final class PrequantizedLowering {

    /** The operators this pass removes. */
    public static final Set<String> PREQUANTIZED_OPERATORS = Set.of("QuantizeLinear", "DequantizeLinear",
            "QLinearMatMul", "QLinearConv", "MatMulInteger", "ConvInteger");

    private static final String SUPPORTED = "supported: DequantizeLinear of constants; QuantizeLinear of a float "
            + "value read by DequantizeLinear, QLinearMatMul, QLinearConv, MatMulInteger or ConvInteger with the same "
            + "scale and zero point; QLinearMatMul/QLinearConv/MatMulInteger/ConvInteger with constant weights (or "
            + "QLinearMatMul/MatMulInteger of two quantized activations); MatMulInteger/ConvInteger accumulators read "
            + "by Cast(to = FLOAT)";

    private PrequantizedLowering() {
    }

    /** A quantized activation: its float equivalent in the lowered graph, and the parameters it carries. */
    private record Quantized(String floatValue, Tensor scale, Tensor zeroPoint, long axis, String origin) {
    }

    /** {@code g} with its pre-quantized operators lowered to float ones; see the class comment. */
    public static Graph lower(Graph g) {
        if (g.nodes().stream().noneMatch(n -> PREQUANTIZED_OPERATORS.contains(n.opType()))) {
            return g;
        }
        return new PrequantizedLowering.Pass(ConstantFolding.fold(g)).run(); // weights reached through constant ops
    }

    private static final class Pass {
        private final Graph g;
        private final Map<String, Tensor> constants;
        private final Map<String, String> alias = new HashMap<>();
        private final Map<String, Quantized> quantized = new HashMap<>();
        private final Map<String, Quantized> accumulators = new HashMap<>();
        /** Float accumulator value -> the constant a following Mul folds into (its weights or its 1/scales). */
        private final Map<String, String> factorOf = new HashMap<>();
        private final Map<String, Integer> readers = new HashMap<>();
        private final List<Node> nodes = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        Pass(Graph g) {
            this.g = g;
            this.constants = new LinkedHashMap<>(g.initializers());
            g.inputs().forEach(i -> names.add(i.name()));
            names.addAll(g.initializers().keySet());
            g.nodes().forEach(n -> names.addAll(n.outputs()));
            g.nodes().forEach(n -> n.inputs().forEach(i -> readers.merge(i, 1, Integer::sum)));
            g.outputs().forEach(o -> readers.merge(o.name(), 1, Integer::sum));
        }

        Graph run() {
            for (Node original : g.nodes()) {
                Node n = rewire(original);
                switch (n.opType()) {
                    case "QuantizeLinear", "DequantizeLinear" -> quantizeOrDequantize(n);
                    case "QLinearMatMul" -> qLinear(n, "MatMul");
                    case "QLinearConv" -> qLinear(n, "Conv");
                    case "MatMulInteger" -> integer(n, "MatMul");
                    case "ConvInteger" -> integer(n, "Conv");
                    case "Cast" -> cast(n, original);
                    case "Mul" -> mul(n);
                    default -> keep(n);
                }
            }
            for (TensorInfo out : g.outputs()) {
                Quantized q = quantized.containsKey(out.name()) ? quantized.get(out.name())
                        : accumulators.get(out.name());
                if (q != null) {
                    throw new IllegalArgumentException("graph output '" + out.name() + "' is the integer output of "
                            + q.origin() + "; lowering to float needs float graph outputs (end the graph with "
                            + "DequantizeLinear, or Cast(to = FLOAT) for an accumulator)");
                }
                String source = alias.get(out.name());
                if (source != null) {
                    nodes.add(new Node("Identity", fresh("Identity_" + out.name()), List.of(source),
                            List.of(out.name()), Map.of()));
                }
            }
            return ConstantFolding.prune(new Graph(g.name(), g.opset(), g.inputs(), g.outputs(), nodes, constants));
        }

        private void quantizeOrDequantize(Node n) {
            if (n.inputs().stream().allMatch(i -> i.isEmpty() || constants.containsKey(i))) {
                Map<String, Nd> values = new HashMap<>();
                n.inputs().stream().filter(i -> !i.isEmpty()).forEach(i -> values.put(i, Nd.of(constants.get(i))));
                constants.put(n.outputs().get(0), FloatExecutor.execute(n, values, g.opset()).toTensor());
                return;
            }
            Tensor scale = constant(n, 1, "scale");
            Tensor zero = n.hasInput(2) ? constant(n, 2, "zero point") : null;
            String x = n.inputs().get(0);
            if (n.opType().equals("QuantizeLinear")) {
                noIntegerInput(n, x);
                quantized.put(n.outputs().get(0), new Quantized(x, scale, zero, n.intAttr("axis", 1),
                        n.describe()));
                return;
            }
            Quantized q = quantized.get(x);
            if (q == null) {
                throw refuse(n, "dequantizes '" + x + "', " + producedBy(x) + ", which is neither a constant nor a "
                        + "quantized value whose float equivalent is known");
            }
            match(n, q, scale, zero, n.intAttr("axis", 1), x);
            alias.put(n.outputs().get(0), q.floatValue());
        }

        /** QLinearMatMul / QLinearConv: float op on the dequantized operands, output quantized by y_scale. */
        private void qLinear(Node n, String floatOp) {
            String a = activation(n, 0, 1, 2);
            int wAxis = floatOp.equals("Conv") ? 0 : -1;
            String w;
            if (floatOp.equals("MatMul") && quantized.containsKey(n.inputs().get(3))) {
                w = activation(n, 3, 4, 5);
            } else {
                Tensor weights = constant(n, 3, "weight");
                w = addConstant(n.name() + "_weight", dequantize(n, weights, constant(n, 4, "weight scale"),
                        n.hasInput(5) ? constant(n, 5, "weight zero point") : null, wAxis, 1.0));
            }
            List<String> inputs = new ArrayList<>(List.of(a, w));
            if (n.hasInput(8)) {
                Tensor bias = constant(n, 8, "bias");
                double xs = constant(n, 1, "input scale").floats()[0];
                inputs.add(addConstant(n.name() + "_bias", dequantize(n, bias, constant(n, 4, "weight scale"), null,
                        0, xs)));
            }
            String out = fresh(n.outputs().get(0) + "_float");
            nodes.add(new Node(floatOp, n.name(), inputs, List.of(out), n.attributes()));
            quantized.put(n.outputs().get(0), new Quantized(out, constant(n, 6, "output scale"),
                    n.hasInput(7) ? constant(n, 7, "output zero point") : null, 1, n.describe()));
        }

        /** MatMulInteger / ConvInteger: the float equivalent of the integer accumulator. */
        private void integer(Node n, String floatOp) {
            Quantized x = quantized.get(n.inputs().get(0));
            if (x == null) {
                throw refuse(n, "its activation '" + n.inputs().get(0) + "' is " + producedBy(n.inputs().get(0))
                        + ", not a quantized value whose float equivalent is known (the output of QuantizeLinear, "
                        + "QLinearMatMul or QLinearConv)");
            }
            Tensor xZero = n.hasInput(2) ? constant(n, 2, "input zero point") : null;
            match(n, x, x.scale(), xZero, x.axis(), n.inputs().get(0));
            requireScalar(n, x.scale(), "the scale of its activation '" + n.inputs().get(0) + "'");
            double s = x.scale().floats()[0];
            String out = fresh(n.outputs().get(0) + "_float");
            Quantized b = floatOp.equals("MatMul") ? quantized.get(n.inputs().get(1)) : null;
            if (b != null) { // activation x activation: (a/sa) @ (b/sb)
                Tensor bZero = n.hasInput(3) ? constant(n, 3, "B zero point") : null;
                match(n, b, b.scale(), bZero, b.axis(), n.inputs().get(1));
                requireScalar(n, b.scale(), "the scale of its input '" + n.inputs().get(1) + "'");
                String product = fresh(out + "_unscaled");
                nodes.add(new Node("MatMul", fresh(n.name() + "_float"), List.of(x.floatValue(), b.floatValue()),
                        List.of(product), Map.of()));
                String k = addConstant(n.name() + "_inverse_scales", Tensor.ofFloats(new long[0],
                        new float[] {(float) (1.0 / (s * b.scale().floats()[0]))}));
                nodes.add(new Node("Mul", n.name(), List.of(product, k), List.of(out), Map.of()));
                factorOf.put(out, k);
            } else {
                Tensor w = constant(n, 1, "weight");
                Tensor wZero = n.hasInput(3) ? constant(n, 3, "weight zero point") : null;
                String wf = addConstant(n.name() + "_weight", dequantize(n, w, null, wZero,
                        floatOp.equals("Conv") ? 0 : -1, 1.0 / s));
                nodes.add(new Node(floatOp, n.name(), List.of(x.floatValue(), wf), List.of(out), n.attributes()));
                factorOf.put(out, wf);
            }
            accumulators.put(n.outputs().get(0), new Quantized(out, null, null, 0, n.describe()));
        }

        private void cast(Node n, Node original) {
            Quantized acc = accumulators.get(n.inputs().get(0));
            if (acc == null) {
                keep(n);
                return;
            }
            if (n.intAttr("to", -1) != DataType.FLOAT.onnxCode()) {
                throw refuse(n, "casts the accumulator of " + acc.origin() + " to type " + n.intAttr("to", -1)
                        + "; only Cast(to = FLOAT) of an accumulator can be lowered");
            }
            alias.put(n.outputs().get(0), acc.floatValue());
            if (readers.getOrDefault(original.inputs().get(0), 0) != 1
                    || readers.getOrDefault(n.outputs().get(0), 0) != 1) {
                factorOf.remove(acc.floatValue()); // read elsewhere too: keep the accumulator's own scale
            }
        }

        /**
         * The {@code Mul} by the scale product that exporters put after a cast accumulator, folded into the weights
         * (a scalar, or for MatMul one factor per output column) or into the 1/scales of an activation product.
         */
        private void mul(Node n) {
            String acc = factorOf.containsKey(n.inputs().get(0)) ? n.inputs().get(0) : n.inputs().get(1);
            String other = n.inputs().get(acc.equals(n.inputs().get(0)) ? 1 : 0);
            Tensor k = constants.get(other);
            Tensor target = factorOf.containsKey(acc) ? constants.get(factorOf.get(acc)) : null;
            if (target == null || k == null || !k.type().isFloating() || !foldable(k, target)) {
                keep(n);
                return;
            }
            float[] factors = k.floats();
            float[] v = target.floats();
            long columns = target.rank() == 0 ? 1 : target.shape()[target.rank() - 1];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) ((double) v[i] * factors[factors.length == 1 ? 0 : (int) (i % columns)]);
            }
            constants.put(factorOf.remove(acc), Tensor.ofFloats(target.shape(), v));
            alias.put(n.outputs().get(0), acc);
        }

        /** A scalar factor, or one per column of MatMul weights (which then must not broadcast further). */
        private static boolean foldable(Tensor k, Tensor target) {
            return k.size() == 1 && k.rank() <= target.rank()
                    || k.rank() == 1 && target.rank() == 2 && k.shape()[0] == target.shape()[1];
        }

        private void keep(Node n) {
            for (String in : n.inputs()) {
                noIntegerInput(n, in);
            }
            nodes.add(n);
        }

        /** The float value standing for quantized input {@code i}, checked against its scale and zero point. */
        private String activation(Node n, int i, int scaleIndex, int zeroIndex) {
            String name = n.inputs().get(i);
            Quantized q = quantized.get(name);
            if (q == null) {
                throw refuse(n, "its input " + i + " '" + name + "' is " + producedBy(name) + ", not a quantized "
                        + "activation whose float equivalent is known (the output of QuantizeLinear, QLinearMatMul "
                        + "or QLinearConv)");
            }
            Tensor scale = constant(n, scaleIndex, "scale of input " + i);
            requireScalar(n, scale, "the scale of input '" + name + "'");
            match(n, q, scale, n.hasInput(zeroIndex) ? constant(n, zeroIndex, "zero point of input " + i) : null,
                    q.axis(), name);
            return q.floatValue();
        }

        private void match(Node n, Quantized q, Tensor scale, Tensor zero, long axis, String value) {
            boolean perAxis = q.scale().size() > 1 || scale.size() > 1;
            if (!java.util.Arrays.equals(q.scale().floats(), scale.floats()) || !zeroPointsEqual(q.zeroPoint(), zero)
                    || (perAxis && axis != q.axis())) {
                throw refuse(n, "reads '" + value + "' (from " + q.origin() + ") with a scale, zero point or axis "
                        + "other than the ones it was quantized with; lowering needs them to match exactly");
            }
        }

        private static boolean zeroPointsEqual(Tensor a, Tensor b) {
            long[] x = a == null ? new long[] {0} : a.longs();
            long[] y = b == null ? new long[] {0} : b.longs();
            return java.util.Arrays.equals(x, y) || (x.length == 1 && java.util.Arrays.stream(y).allMatch(v -> v == x[0]))
                    || (y.length == 1 && java.util.Arrays.stream(x).allMatch(v -> v == y[0]));
        }

        /**
         * {@code (w - zero) * scale * factor} per tensor or along {@code axis} (-1: the last axis), in double;
         * {@code scale == null} means 1.
         */
        private static Tensor dequantize(Node n, Tensor w, Tensor scale, Tensor zero, int axis, double factor) {
            long[] shape = w.shape();
            int a = axis < 0 ? Math.max(shape.length - 1, 0) : axis;
            long[] v = w.longs();
            float[] s = scale == null ? new float[] {1f} : scale.floats();
            long[] z = zero == null ? new long[] {0} : zero.longs();
            long inner = 1;
            for (int d = a + 1; d < shape.length; d++) {
                inner *= shape[d];
            }
            long extent = shape.length == 0 ? 1 : shape[a];
            for (int len : new int[] {s.length, z.length}) {
                if (len != 1 && len != extent) {
                    throw refuse(n, "has a scale or zero point of " + len + " values for a constant of shape "
                            + java.util.Arrays.toString(shape) + "; expected 1 or " + extent + " (axis " + a + ")");
                }
            }
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                int c = (int) ((i / inner) % extent);
                out[i] = (float) ((v[i] - z[z.length == 1 ? 0 : c]) * (double) s[s.length == 1 ? 0 : c] * factor);
            }
            return Tensor.ofFloats(shape, out);
        }

        private Tensor constant(Node n, int i, String what) {
            if (!n.hasInput(i)) {
                throw refuse(n, "has no " + what + " (input " + i + ")");
            }
            Tensor t = constants.get(n.inputs().get(i));
            if (t == null) {
                throw refuse(n, "its " + what + " '" + n.inputs().get(i) + "' is " + producedBy(n.inputs().get(i))
                        + ", not a constant; lowering needs constant weights, scales and zero points");
            }
            return t;
        }

        private static void requireScalar(Node n, Tensor scale, String what) {
            if (scale.size() != 1) {
                throw refuse(n, what + " is per-axis; lowering supports a per-tensor scale there");
            }
        }

        private void noIntegerInput(Node n, String in) {
            Quantized q = quantized.containsKey(in) ? quantized.get(in) : accumulators.get(in);
            if (q != null) {
                throw refuse(n, "reads '" + in + "', the integer output of " + q.origin() + ", directly");
            }
        }

        private String producedBy(String value) {
            if (g.inputs().stream().anyMatch(i -> i.name().equals(value))) {
                return "a graph input";
            }
            return g.nodes().stream().filter(m -> m.outputs().contains(value)).findFirst()
                    .map(m -> "the output of " + m.describe()).orElse("a constant");
        }

        private Node rewire(Node n) {
            if (n.inputs().stream().noneMatch(alias::containsKey)) {
                return n;
            }
            return new Node(n.opType(), n.name(), n.inputs().stream().map(i -> alias.getOrDefault(i, i)).toList(),
                    n.outputs(), n.attributes());
        }

        private String addConstant(String base, Tensor t) {
            String name = fresh(base);
            constants.put(name, t);
            return name;
        }

        private String fresh(String base) {
            String name = base;
            for (int k = 1; names.contains(name); k++) {
                name = base + "_" + k;
            }
            names.add(name);
            return name;
        }
    }

    private static IllegalArgumentException refuse(Node n, String problem) {
        return new IllegalArgumentException("cannot lower the pre-quantized " + n.describe() + ": " + problem + "; "
                + SUPPORTED);
    }
}
