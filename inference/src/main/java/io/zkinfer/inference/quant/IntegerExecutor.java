package io.zkinfer.inference.quant;

import io.zkinfer.inference.exec.IntegerDataOps;
import io.zkinfer.inference.exec.IntegerLinearOps;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * Runs a {@link QuantizedModel}: the normative semantics of the integer operators (docs/quantization.md) in exact
 * {@code long} arithmetic, deterministic and platform-independent; floating point appears only in {@link #run}'s
 * conversions at the model boundary. Large {@code IntMatMul}/{@code IntConv} nodes are split over output rows or
 * channels in a {@link ForkJoinPool}; the result is bit-identical to a single-threaded run.
 */
public final class IntegerExecutor {

    private final QuantizedModel model;
    private final ForkJoinPool pool;

    /** An executor using the common pool for large matrix products and convolutions. */
    public IntegerExecutor(QuantizedModel model) {
        this(model, ForkJoinPool.commonPool());
    }

    /** An executor using {@code pool} for large nodes, or running single-threaded when {@code pool} is null. */
    public IntegerExecutor(QuantizedModel model, ForkJoinPool pool) {
        this.model = model;
        this.pool = pool;
    }

    /**
     * Quantizes float {@code inputs} at their scales ({@code q = clamp(floor(x * 2^s + 0.5))}), runs the integer
     * graph and dequantizes the outputs ({@code q * 2^-s}) to FLOAT.
     */
    public Map<String, Tensor> run(Map<String, Tensor> floatInputs) {
        Map<String, Tensor> ints = new LinkedHashMap<>();
        QuantOptions opt = model.settings().options();
        for (TensorInfo in : model.graph().inputs()) {
            Tensor x = floatInputs.get(in.name());
            if (x == null) {
                throw new IllegalArgumentException("missing input '" + in.name() + "'; the model takes "
                        + model.graph().inputs().stream().map(TensorInfo::name).toList());
            }
            ints.put(in.name(), quantize(x, scaleOf(in.name()), opt.activationMin(), opt.activationMax()));
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        runIntegers(ints).forEach((name, q) -> out.put(name, dequantize(q, scaleOf(name))));
        return out;
    }

    /** Runs the integer graph on INT64 {@code inputs} keyed by graph input name; returns the INT64 outputs. */
    public Map<String, Tensor> runIntegers(Map<String, Tensor> inputs) {
        Graph g = model.graph();
        Map<String, Tensor> values = new HashMap<>(g.initializers());
        for (TensorInfo in : g.inputs()) {
            Tensor t = inputs.get(in.name());
            if (t == null) {
                throw new IllegalArgumentException("missing input '" + in.name() + "'; the model takes "
                        + g.inputs().stream().map(TensorInfo::name).toList());
            }
            if (t.type().isFloating()) {
                throw new IllegalArgumentException("input '" + in.name() + "' is " + t.type()
                        + "; runIntegers takes INT64 tensors (use run for float inputs)");
            }
            long[] declared = in.shape().dims().stream().mapToLong(d -> d.value()).toArray();
            long[] shape = t.shape();
            boolean ok = declared.length == shape.length;
            for (int d = 0; ok && d < shape.length; d++) {
                ok = declared[d] < 0 || declared[d] == shape[d];
            }
            if (!ok) {
                throw new IllegalArgumentException("input '" + in.name() + "' has shape " + Arrays.toString(shape)
                        + "; the model declares " + in.shape());
            }
            values.put(in.name(), t);
        }
        for (Node n : g.nodes()) {
            List<Tensor> args = new ArrayList<>();
            for (int i = 0; i < n.inputs().size(); i++) {
                args.add(n.hasInput(i) ? values.get(n.inputs().get(i)) : null);
            }
            try {
                values.put(n.outputs().get(0), execute(n, args, g.opset()));
            } catch (ArithmeticException e) {
                throw new ArithmeticException(e.getMessage().contains(n.name()) ? e.getMessage()
                        : n.describe() + ": " + e.getMessage());
            }
        }
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (TensorInfo out : g.outputs()) {
            result.put(out.name(), values.get(out.name()));
        }
        return result;
    }

    private Tensor execute(Node n, List<Tensor> in, int opset) {
        return switch (n.opType()) {
            case "IntMatMul" -> IntegerLinearOps.matMul(n, in.get(0), in.get(1), arg(in, 2), pool);
            case "IntConv" -> IntegerLinearOps.conv(n, in.get(0), in.get(1), arg(in, 2), pool);
            case "IntConvTranspose" -> IntegerLinearOps.convTranspose(n, in.get(0), in.get(1), arg(in, 2));
            case "IntAdd" -> {
                long ma = n.intAttr("mul_a", 1);
                long mb = n.intAttr("mul_b", 1);
                yield IntegerDataOps.broadcast(n, in.get(0), in.get(1), (a, b) -> a * ma + b * mb);
            }
            case "IntSub" -> {
                long ma = n.intAttr("mul_a", 1);
                long mb = n.intAttr("mul_b", 1);
                yield IntegerDataOps.broadcast(n, in.get(0), in.get(1), (a, b) -> a * ma - b * mb);
            }
            case "IntMul" -> IntegerDataOps.broadcast(n, in.get(0), in.get(1), (a, b) -> a * b);
            case "IntDiv" -> {
                long shift = n.intAttr("shift", 0);
                yield IntegerDataOps.broadcast(n, in.get(0), in.get(1), (a, b) -> IntegerKernels.intDiv(n, a, b,
                        shift));
            }
            case "Rescale" -> IntegerKernels.rescale(n, in.get(0));
            case "Lookup" -> IntegerKernels.lookup(n, in.get(0), in.get(1));
            case "IntSum" -> IntegerDataOps.reduce(n, in.get(0), n.intsAttr("axes", null),
                    n.intAttr("keepdims", 1) != 0, (sum, count) -> sum);
            case "IntMean" -> IntegerDataOps.reduce(n, in.get(0), n.intsAttr("axes", null),
                    n.intAttr("keepdims", 1) != 0, IntegerKernels::roundDiv);
            case "IntAvgPool" -> IntegerDataOps.windowAverage(n, in.get(0), IntegerKernels::roundDiv);
            case "IntSoftmax" -> IntegerKernels.softmax(n, in.get(0), in.get(1));
            default -> {
                if (!IntegerDataOps.MOVEMENT_OPERATORS.contains(n.opType())) {
                    throw new IllegalArgumentException("the integer executor has no " + n.describe()
                            + "; a quantized model uses only the operators of docs/quantization.md");
                }
                yield IntegerDataOps.movement(n, in, opset);
            }
        };
    }

    private static Tensor arg(List<Tensor> in, int i) {
        return i < in.size() ? in.get(i) : null;
    }

    private int scaleOf(String name) {
        return model.settings().tensor(name).map(QuantSettings.TensorScale::scaleBits)
                .orElseThrow(() -> new IllegalArgumentException("the settings give no scale for '" + name + "'"));
    }

    /** {@code clamp(floor(x * 2^s + 0.5), lo, hi)} element-wise, computed in double (exact power-of-two scaling). */
    public static Tensor quantize(Tensor x, int scaleBits, long lo, long hi) {
        float[] f = x.floats();
        long[] q = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            double v = Math.floor(Math.scalb((double) f[i], scaleBits) + 0.5);
            q[i] = Double.isNaN(v) ? 0 : (long) Math.max(lo, Math.min(hi, v));
        }
        return Tensor.ofLongs(DataType.INT64, x.shape(), q);
    }

    /** {@code q * 2^-s} element-wise as FLOAT. */
    public static Tensor dequantize(Tensor q, int scaleBits) {
        long[] v = q.longs();
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) Math.scalb((double) v[i], -scaleBits);
        }
        return Tensor.ofFloats(q.shape(), f);
    }
}
