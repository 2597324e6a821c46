package io.zkinfer.inference.quant;

import io.zkinfer.inference.exec.IntegerDataOps;
import io.zkinfer.inference.exec.PrequantizedLowering;
import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.quant.IntegerGraphBuilder.QValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers a float graph, node by node, into the integer operators of docs/quantization.md: it maps every float
 * value to an integer value with a scale and a bound, dispatches each float operator to its lowering
 * ({@link LinearLowering}, {@link PointwiseLowering}, or the data-movement and reduction cases here) and refuses
 * what has no integer form, naming the node.
 */
final class Lowering {

    static final Set<String> PREQUANTIZED = PrequantizedLowering.PREQUANTIZED_OPERATORS;

    final Graph g;
    final QuantOptions opt;
    final IntegerGraphBuilder b;
    final CalibrationStats stats;
    final Map<String, QValue> values = new HashMap<>();
    private final Map<String, QValue> constantsAsIndex = new HashMap<>();

    Lowering(Graph g, CalibrationStats stats, QuantOptions opt, Set<String> reserved) {
        this.g = g;
        this.opt = opt;
        this.stats = stats;
        this.b = new IntegerGraphBuilder(opt, reserved);
    }

    /** The calibrated scale of float value {@code name} at the activation width. */
    int scaleOf(String name) {
        return ScaleRules.scaleBits(stats.maxAbs(name), opt.activationBits(), opt.maxScaleBits());
    }

    /**
     * The scale of a constant weight with largest magnitude {@code maxAbs}: the option, or from its range at
     * weightBits, capped at {@link ScaleRules#MAX_WEIGHT_SCALE_BITS} (not at maxScaleBits, which bounds calibrated
     * activation scales: a tiny constant such as a 1e-4 multiplier keeps its relative precision).
     */
    int weightScale(double maxAbs) {
        return opt.paramScaleBits() != null ? opt.paramScaleBits()
                : ScaleRules.scaleBits(maxAbs, opt.weightBits(), maxAbs > 0 ? ScaleRules.MAX_WEIGHT_SCALE_BITS
                        : opt.maxScaleBits());
    }

    boolean isConstant(String name) {
        return g.initializers().containsKey(name);
    }

    Tensor constant(String name) {
        return g.initializers().get(name);
    }

    /** The calibrated (first-sample) shape of a value or constant. */
    long[] shape(String name) {
        return isConstant(name) ? constant(name).shape() : stats.shape(name);
    }

    /** Float value {@code name} as an activation; a float constant is quantized at its own calibrated scale. */
    QValue act(String name) {
        QValue v = values.get(name);
        if (v != null) {
            return v;
        }
        if (!isConstant(name) || !constant(name).type().isFloating()) {
            return index(name);
        }
        Tensor t = constant(name);
        v = actAt(name, ScaleRules.scaleBits(ScaleRules.maxAbs(t.floats()), opt.activationBits(),
                opt.maxScaleBits()));
        values.put(name, v);
        return v;
    }

    /** Float constant {@code name} quantized as an activation at scale {@code s} (or the value, if computed). */
    QValue actAt(String name, int s) {
        if (!isConstant(name)) {
            return act(name);
        }
        Tensor t = constant(name);
        return b.constant(name + "_q" + s, t.shape(), ScaleRules.quantize(t.floats(), s, opt.activationBits()), s,
                opt.activationBits());
    }

    /** Value {@code name} as an index (unscaled integer) operand: an integer constant, or an index value. */
    QValue index(String name) {
        QValue v = values.get(name);
        if (v != null) {
            return v;
        }
        if (isConstant(name)) {
            return constantsAsIndex.computeIfAbsent(name, k -> {
                b.take(k);
                b.initializers.put(k, constant(k));
                Tensor t = constant(k);
                return b.record(k, null, t.type().isFloating() ? 32 : 64,
                        t.type().isFloating() ? 0 : ScaleRules.maxAbs(t.longs()));
            });
        }
        throw new IllegalStateException("value '" + name + "' has not been lowered");
    }

    private boolean isIndexOperand(String name) {
        QValue v = values.get(name);
        return v != null ? v.isIndex() : isConstant(name) && !constant(name).type().isFloating();
    }

    void lower(Node n) {
        b.from(n);
        String op = n.opType();
        if (PREQUANTIZED.contains(op)) {
            throw new IllegalArgumentException(n.describe() + ": a pre-quantized operator was left after"
                    + " PrequantizedLowering; export the float model instead");
        }
        boolean allIndex = n.inputs().stream().filter(s -> !s.isEmpty()).allMatch(this::isIndexOperand);
        if (allIndex) {
            if (!IntegerDataOps.MOVEMENT_OPERATORS.contains(op) || op.equals("Relu") || op.equals("MaxPool")) {
                throw new IllegalArgumentException(n.describe() + " computes on shapes or indices that are not"
                        + " constant; give the model static input shapes so that they fold, then quantize");
            }
            copy(n, null, 0);
            return;
        }
        switch (op) {
            case "Relu", "MaxPool", "Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze", "Slice", "Resize",
                    "Identity" -> {
                QValue x = act(n.inputs().get(0));
                copy(n, x.scale(), x.bound());
            }
            case "Gather" -> {
                if (!isIndexOperand(n.inputs().get(1))) {
                    throw new IllegalArgumentException(n.describe() + ": gathering with computed (non-constant)"
                            + " indices is not supported");
                }
                QValue x = act(n.inputs().get(0));
                copy(n, x.scale(), x.bound());
            }
            case "Shape" -> copy(n, null, 0);
            case "Cast" -> cast(n);
            case "Concat" -> concat(n);
            case "Pad" -> pad(n);
            case "Gemm", "MatMul", "Conv", "ConvTranspose", "BatchNormalization" -> LinearLowering.lower(this, n);
            case "AveragePool" -> {
                QValue x = act(n.inputs().get(0));
                values.put(out(n), b.emit("IntAvgPool", out(n), List.of(x.name()), n.attributes(), x.scale(),
                        x.bound()));
            }
            case "GlobalAveragePool" -> {
                QValue x = act(n.inputs().get(0));
                int rank = shape(n.inputs().get(0)).length;
                long[] axes = java.util.stream.LongStream.range(2, rank).toArray();
                values.put(out(n), b.emit("IntMean", out(n), List.of(x.name()), Map.of("axes",
                        Attribute.Ints.of(axes), "keepdims", new Attribute.Int(1)), x.scale(), x.bound()));
            }
            case "ReduceMean", "ReduceSum" -> reduce(n);
            default -> PointwiseLowering.lower(this, n);
        }
    }

    /** The float node's output name, the final name of its integer value. */
    static String out(Node n) {
        return n.outputs().get(0);
    }

    /** Copies a movement node unchanged onto the lowered operands; the result keeps {@code scale}, {@code bound}. */
    private void copy(Node n, Integer scale, long bound) {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < n.inputs().size(); i++) {
            String in = n.inputs().get(i);
            inputs.add(in.isEmpty() ? "" : i == 0 ? act(in).name() : index(in).name());
        }
        QValue v = b.emit(n.opType(), out(n), inputs, n.attributes(), scale, bound);
        if (n.opType().equals("Shape")) {
            v = b.record(v.name(), null, 64, Long.MAX_VALUE >> 2);
        }
        values.put(out(n), v);
    }

    private void cast(Node n) {
        DataType to = DataType.fromOnnx((int) n.intAttr("to", -1));
        QValue x = act(n.inputs().get(0));
        if (to.isFloating()) {
            values.put(out(n), x); // float to float: the same real values
            return;
        }
        throw new IllegalArgumentException(n.describe() + ": a cast of activations to " + to + " has no"
                + " quantized meaning (the integer would depend on the float value's rounding); remove the cast or"
                + " keep it on constant shape computations");
    }

    private void concat(Node n) {
        int s = scaleOf(out(n));
        List<String> inputs = new ArrayList<>();
        for (String in : n.inputs()) {
            if (in.isEmpty()) {
                continue;
            }
            QValue v = isConstant(in) ? actAt(in, s) : act(in);
            if (v.scale() != s || v.bound() > b.activationBound()) {
                v = b.rescale(v, s, b.fresh(out(n) + "_" + in + "_r"));
            }
            inputs.add(v.name());
        }
        values.put(out(n), b.emit("Concat", out(n), inputs, n.attributes(), s, b.activationBound()));
    }

    private void pad(Node n) {
        QValue x = act(n.inputs().get(0));
        Map<String, Attribute> attrs = new LinkedHashMap<>(n.attributes());
        List<String> inputs = new ArrayList<>();
        inputs.add(x.name());
        for (int i = 1; i < n.inputs().size(); i++) {
            String in = n.inputs().get(i);
            if (in.isEmpty()) {
                inputs.add("");
            } else if (i == 2) {
                if (!isConstant(in)) {
                    throw new IllegalArgumentException(n.describe() + ": the pad value must be a constant");
                }
                long q = ScaleRules.quantize(constant(in).floats()[0], x.scale(), opt.activationMin(),
                        opt.activationMax());
                inputs.add(b.constant(in + "_q", new long[0], new long[] {q}, x.scale(),
                        opt.activationBits()).name());
            } else {
                inputs.add(index(in).name());
            }
        }
        long padQ = 0;
        if (attrs.containsKey("value")) {
            padQ = ScaleRules.quantize(n.floatAttr("value", 0f), x.scale(), opt.activationMin(), opt.activationMax());
            attrs.put("value", new Attribute.Float(padQ));
        }
        values.put(out(n), b.emit("Pad", out(n), inputs, attrs, x.scale(), Math.max(x.bound(), Math.abs(padQ))));
    }

    private void reduce(Node n) {
        boolean mean = n.opType().equals("ReduceMean");
        String xName = n.inputs().get(0);
        QValue x = act(xName);
        long[] axes = n.intsAttr("axes", null);
        if (n.hasInput(1)) {
            if (!isConstant(n.inputs().get(1))) {
                throw new IllegalArgumentException(n.describe() + ": the axes must be constant");
            }
            axes = constant(n.inputs().get(1)).longs();
        }
        if ((axes == null || axes.length == 0) && n.intAttr("noop_with_empty_axes", 0) != 0) {
            values.put(out(n), x);
            return;
        }
        long[] xs = shape(xName);
        long count = 1;
        for (int d = 0; d < xs.length; d++) {
            boolean reduced = axes == null || axes.length == 0;
            for (long a : axes == null ? new long[0] : axes) {
                reduced |= (a < 0 ? a + xs.length : a) == d;
            }
            count *= reduced ? xs[d] : 1;
        }
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        if (axes != null && axes.length > 0) {
            attrs.put("axes", Attribute.Ints.of(axes));
        }
        attrs.put("keepdims", new Attribute.Int(n.intAttr("keepdims", 1)));
        if (mean) {
            values.put(out(n), b.emit("IntMean", out(n), List.of(x.name()), attrs, x.scale(), x.bound()));
            return;
        }
        QValue sum = b.emit("IntSum", b.fresh(out(n) + "_sum"), List.of(x.name()), attrs, x.scale(),
                ScaleRules.mul(count, x.bound()));
        values.put(out(n), b.rescale(sum, scaleOf(out(n)), out(n)));
    }
}
