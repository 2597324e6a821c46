package io.zkinfer.inference.quant;

import io.zkinfer.inference.exec.IntegerDataOps;
import io.zkinfer.inference.exec.IntegerLinearOps;
import io.zkinfer.inference.exec.Nd;
import io.zkinfer.inference.exec.PackedWeights;
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
    private final Graph graph;
    /** Slot of every value name: graph inputs, initializers and node outputs. */
    private final Map<String, Integer> slots = new HashMap<>();
    /** The initializers, converted once, at their slots; the other slots are filled per run. */
    private final Nd[] constants;
    private final int[] inputSlots;
    private final long[][] declaredShapes;
    private final int[] outputSlots;
    private final int[][] nodeInputs;
    private final int[] nodeOutputs;
    /** Constant IntMatMul and IntConv weights packed for the int kernels (null where there are none). */
    private final PackedWeights[] packed;
    /** Scale bits of the graph inputs and outputs (null where the settings give none). */
    private final Integer[] inputScales;
    private final Integer[] outputScales;

    /** An executor using the common pool for large matrix products and convolutions. */
    public IntegerExecutor(QuantizedModel model) {
        this(model, ForkJoinPool.commonPool());
    }

    /** An executor using {@code pool} for large nodes, or running single-threaded when {@code pool} is null. */
    public IntegerExecutor(QuantizedModel model, ForkJoinPool pool) {
        this.model = model;
        this.pool = pool;
        this.graph = model.graph();
        List<TensorInfo> inputs = graph.inputs();
        inputSlots = new int[inputs.size()];
        declaredShapes = new long[inputs.size()][];
        for (int i = 0; i < inputs.size(); i++) {
            inputSlots[i] = slot(inputs.get(i).name());
            declaredShapes[i] = inputs.get(i).shape().dims().stream().mapToLong(d -> d.value()).toArray();
        }
        Map<Integer, Tensor> initial = new HashMap<>();
        graph.initializers().forEach((name, t) -> initial.put(slot(name), t));
        nodeInputs = new int[graph.nodes().size()][];
        nodeOutputs = new int[graph.nodes().size()];
        for (int k = 0; k < nodeInputs.length; k++) {
            Node n = graph.nodes().get(k);
            nodeInputs[k] = new int[n.inputs().size()];
            for (int i = 0; i < n.inputs().size(); i++) {
                nodeInputs[k][i] = n.hasInput(i) ? slot(n.inputs().get(i)) : -1;
            }
            nodeOutputs[k] = slot(n.outputs().get(0));
        }
        outputSlots = graph.outputs().stream().mapToInt(o -> slot(o.name())).toArray();
        constants = new Nd[slots.size()];
        initial.forEach((s, t) -> constants[s] = Nd.of(t));
        packed = new PackedWeights[nodeInputs.length];
        for (int k = 0; k < packed.length; k++) {
            String op = graph.nodes().get(k).opType();
            Nd weights = nodeInputs[k].length > 1 && nodeInputs[k][1] >= 0 ? constants[nodeInputs[k][1]] : null;
            if (weights != null && op.equals("IntMatMul")) {
                packed[k] = PackedWeights.forMatMul(weights);
            } else if (weights != null && op.equals("IntConv")) {
                packed[k] = PackedWeights.forConv(weights);
            }
        }
        inputScales = inputs.stream().map(i -> scaleBits(i.name())).toArray(Integer[]::new);
        outputScales = graph.outputs().stream().map(o -> scaleBits(o.name())).toArray(Integer[]::new);
    }

    private int slot(String name) {
        return slots.computeIfAbsent(name, k -> slots.size());
    }

    /**
     * Quantizes float {@code inputs} at their scales ({@code q = clamp(floor(x * 2^s + 0.5))}), runs the integer
     * graph and dequantizes the outputs ({@code q * 2^-s}) to FLOAT.
     */
    public Map<String, Tensor> run(Map<String, Tensor> floatInputs) {
        QuantOptions opt = model.settings().options();
        List<TensorInfo> inputs = graph.inputs();
        Nd[] ints = new Nd[inputs.size()];
        for (int i = 0; i < ints.length; i++) {
            String name = inputs.get(i).name();
            Tensor x = floatInputs.get(name);
            if (x == null) {
                throw new IllegalArgumentException("missing input '" + name + "'; the model takes "
                        + inputs.stream().map(TensorInfo::name).toList());
            }
            int scale = scaleOf(name, inputScales[i]);
            ints[i] = quantize(x.shape(), x.floats(), scale, opt.activationMin(), opt.activationMax());
        }
        Nd[] results = execute(ints);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < results.length; i++) {
            String name = graph.outputs().get(i).name();
            out.put(name, dequantize(results[i].shape(), results[i].longs(name), scaleOf(name, outputScales[i])));
        }
        return out;
    }

    /** Runs the integer graph on INT64 {@code inputs} keyed by graph input name; returns the INT64 outputs. */
    public Map<String, Tensor> runIntegers(Map<String, Tensor> inputs) {
        Nd[] ints = new Nd[graph.inputs().size()];
        for (int i = 0; i < ints.length; i++) {
            TensorInfo in = graph.inputs().get(i);
            Tensor t = inputs.get(in.name());
            if (t == null) {
                throw new IllegalArgumentException("missing input '" + in.name() + "'; the model takes "
                        + graph.inputs().stream().map(TensorInfo::name).toList());
            }
            if (t.type().isFloating()) {
                throw new IllegalArgumentException("input '" + in.name() + "' is " + t.type()
                        + "; runIntegers takes INT64 tensors (use run for float inputs)");
            }
            ints[i] = Nd.of(t);
        }
        Nd[] results = execute(ints);
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (int i = 0; i < results.length; i++) {
            result.put(graph.outputs().get(i).name(), results[i].toTensor());
        }
        return result;
    }

    /** Runs the nodes in order on integer {@code inputs} (graph input order); returns the outputs in graph order. */
    private Nd[] execute(Nd[] inputs) {
        Nd[] values = constants.clone();
        for (int i = 0; i < inputs.length; i++) {
            long[] declared = declaredShapes[i];
            long[] shape = inputs[i].shape();
            boolean ok = declared.length == shape.length;
            for (int d = 0; ok && d < shape.length; d++) {
                ok = declared[d] < 0 || declared[d] == shape[d];
            }
            if (!ok) {
                throw new IllegalArgumentException("input '" + graph.inputs().get(i).name() + "' has shape "
                        + Arrays.toString(shape) + "; the model declares " + graph.inputs().get(i).shape());
            }
            values[inputSlots[i]] = inputs[i];
        }
        List<Node> nodes = graph.nodes();
        for (int k = 0; k < nodeOutputs.length; k++) {
            Node n = nodes.get(k);
            int[] from = nodeInputs[k];
            List<Nd> args = new ArrayList<>(from.length);
            for (int s : from) {
                args.add(s < 0 ? null : values[s]);
            }
            try {
                Nd y = packed[k] == null ? null : n.opType().equals("IntMatMul")
                        ? packed[k].matMul(args.get(0), arg(args, 2), pool)
                        : packed[k].conv(n, args.get(0), arg(args, 2), pool);
                values[nodeOutputs[k]] = y != null ? y : execute(n, args, graph.opset());
            } catch (ArithmeticException e) {
                throw new ArithmeticException(e.getMessage().contains(n.name()) ? e.getMessage()
                        : n.describe() + ": " + e.getMessage());
            }
        }
        Nd[] out = new Nd[outputSlots.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[outputSlots[i]];
        }
        return out;
    }

    private Nd execute(Node n, List<Nd> in, int opset) {
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

    private static Nd arg(List<Nd> in, int i) {
        return i < in.size() ? in.get(i) : null;
    }

    private Integer scaleBits(String name) {
        return model.settings().tensor(name).map(QuantSettings.TensorScale::scaleBits).orElse(null);
    }

    private static int scaleOf(String name, Integer scaleBits) {
        if (scaleBits == null) {
            throw new IllegalArgumentException("the settings give no scale for '" + name + "'");
        }
        return scaleBits;
    }

    /** {@code clamp(floor(x * 2^s + 0.5), lo, hi)} element-wise, computed in double (exact power-of-two scaling). */
    public static Tensor quantize(Tensor x, int scaleBits, long lo, long hi) {
        return quantize(x.shape(), x.floats(), scaleBits, lo, hi).toTensor();
    }

    private static Nd quantize(long[] shape, float[] f, int scaleBits, long lo, long hi) {
        long[] q = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            double v = Math.floor(Math.scalb((double) f[i], scaleBits) + 0.5);
            q[i] = Double.isNaN(v) ? 0 : (long) Math.max(lo, Math.min(hi, v));
        }
        return Nd.ofLongs(DataType.INT64, shape, q);
    }

    /** {@code q * 2^-s} element-wise as FLOAT. */
    public static Tensor dequantize(Tensor q, int scaleBits) {
        return dequantize(q.shape(), q.longs(), scaleBits);
    }

    private static Tensor dequantize(long[] shape, long[] v, int scaleBits) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) Math.scalb((double) v[i], -scaleBits);
        }
        return Tensor.ofFloats(shape, f);
    }
}
