package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a {@link Graph} in float: each node in order, with the operator semantics of the ONNX specification at the
 * graph's opset. The reference against which ONNX Runtime is checked and from which the quantized integer
 * executor's error is measured; straightforward loops with double accumulators, not tuned for speed.
 */
public final class FloatExecutor {

    private final Graph graph;

    public FloatExecutor(Graph graph) {
        this.graph = graph;
    }

    /**
     * The graph outputs, by name, for {@code inputs} keyed by graph input name. Throws
     * {@link IllegalArgumentException} naming the input that is missing or has the wrong shape.
     */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        Map<String, Nd> values = new HashMap<>();
        graph.initializers().forEach((name, t) -> values.put(name, Nd.of(t)));
        for (TensorInfo in : graph.inputs()) {
            Tensor t = inputs.get(in.name());
            if (t == null) {
                throw new IllegalArgumentException("missing input '" + in.name() + "'; the graph takes "
                        + graph.inputs().stream().map(TensorInfo::name).toList());
            }
            checkShape(in, t.shape());
            values.put(in.name(), Nd.of(t));
        }
        for (Node n : graph.nodes()) {
            Nd out;
            try {
                out = execute(n, values, graph.opset());
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(n.describe() + ": " + e.getMessage(), e);
            }
            values.put(n.outputs().get(0), out);
        }
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (TensorInfo out : graph.outputs()) {
            result.put(out.name(), values.get(out.name()).toTensor());
        }
        return result;
    }

    /** One node on the values {@code v} (which hold its inputs), under the semantics of {@code opset}. */
    static Nd execute(Node n, Map<String, Nd> v, int opset) {
        return switch (n.opType()) {
            case "Add", "Sub", "Mul", "Div", "Pow" -> ElementwiseOps.binary(n, in(n, 0, v), in(n, 1, v));
            case "Sigmoid", "Tanh", "Sqrt", "HardSigmoid", "HardSwish", "LeakyRelu", "Clip" ->
                    ElementwiseOps.unary(n, in(n, 0, v), optional(n, 1, v), optional(n, 2, v), opset);
            case "Relu" -> ElementwiseOps.relu(in(n, 0, v));
            case "Softmax" -> ElementwiseOps.softmax(n, in(n, 0, v), opset);
            case "Gemm" -> LinearOps.gemm(n, in(n, 0, v), in(n, 1, v), optional(n, 2, v));
            case "MatMul" -> LinearOps.matmul(n, in(n, 0, v), in(n, 1, v));
            case "Conv" -> WindowOps.conv(n, in(n, 0, v), in(n, 1, v), optional(n, 2, v));
            case "MatMulInteger" -> IntegerOps.matMulInteger(n, in(n, 0, v), in(n, 1, v), optional(n, 2, v),
                    optional(n, 3, v));
            case "ConvInteger" -> IntegerOps.convInteger(n, in(n, 0, v), in(n, 1, v), optional(n, 2, v),
                    optional(n, 3, v));
            case "QLinearMatMul" -> IntegerOps.qLinearMatMul(n, all(n, v));
            case "QLinearConv" -> IntegerOps.qLinearConv(n, all(n, v));
            case "ConvTranspose" -> ConvTransposeOp.convTranspose(n, in(n, 0, v), in(n, 1, v), optional(n, 2, v));
            case "MaxPool", "AveragePool" -> WindowOps.pool(n, in(n, 0, v));
            case "GlobalAveragePool" -> WindowOps.globalAveragePool(n, in(n, 0, v));
            case "Squeeze" -> ShapeOps.squeeze(n, in(n, 0, v), optional(n, 1, v), opset);
            case "Unsqueeze" -> ShapeOps.unsqueeze(n, in(n, 0, v), optional(n, 1, v), opset);
            case "ReduceMean", "ReduceSum" -> ReduceOps.reduce(n, in(n, 0, v), optional(n, 1, v), opset);
            case "BatchNormalization" -> ReduceOps.batchNormalization(n, in(n, 0, v), in(n, 1, v), in(n, 2, v),
                    in(n, 3, v), in(n, 4, v));
            case "Shape" -> IndexOps.shape(n, in(n, 0, v));
            case "Gather" -> IndexOps.gather(n, in(n, 0, v), in(n, 1, v));
            case "Slice" -> IndexOps.slice(n, in(n, 0, v), optional(n, 1, v), optional(n, 2, v), optional(n, 3, v),
                    optional(n, 4, v), opset);
            case "Pad" -> IndexOps.pad(n, in(n, 0, v), optional(n, 1, v), optional(n, 2, v), opset);
            case "Cast" -> IndexOps.cast(n, in(n, 0, v));
            case "Resize" -> ResizeOps.resize(n, in(n, 0, v), optional(n, 2, v), optional(n, 3, v), opset);
            case "QuantizeLinear" -> QuantizeOps.quantize(n, in(n, 0, v), in(n, 1, v), optional(n, 2, v));
            case "DequantizeLinear" -> QuantizeOps.dequantize(n, in(n, 0, v), in(n, 1, v), optional(n, 2, v));
            case "Transpose" -> ShapeOps.transpose(n, in(n, 0, v));
            case "Concat" -> ShapeOps.concat(n, n.inputs().stream().filter(s -> !s.isEmpty()).map(v::get).toList());
            case "Flatten" -> ShapeOps.flatten(n, in(n, 0, v));
            case "Reshape" -> ShapeOps.reshape(n, in(n, 0, v), in(n, 1, v));
            case "Identity" -> in(n, 0, v);
            default -> throw new IllegalArgumentException("the float executor has no " + n.describe());
        };
    }

    private static Nd in(Node n, int i, Map<String, Nd> v) {
        if (!n.hasInput(i)) {
            throw new IllegalArgumentException(n.describe() + " needs input " + i);
        }
        return v.get(n.inputs().get(i));
    }

    private static java.util.List<Nd> all(Node n, Map<String, Nd> v) {
        java.util.List<Nd> list = new java.util.ArrayList<>();
        for (int i = 0; i < n.inputs().size(); i++) {
            list.add(optional(n, i, v));
        }
        return list;
    }

    private static Nd optional(Node n, int i, Map<String, Nd> v) {
        return n.hasInput(i) ? v.get(n.inputs().get(i)) : null;
    }

    private static void checkShape(TensorInfo in, long[] shape) {
        boolean ok = shape.length == in.shape().rank();
        for (int d = 0; ok && d < shape.length; d++) {
            var dim = in.shape().dims().get(d);
            ok = !dim.isStatic() || dim.value() == shape[d];
        }
        if (!ok) {
            throw new IllegalArgumentException("input '" + in.name() + "' has shape " + Arrays.toString(shape)
                    + "; the graph declares " + in.shape());
        }
    }
}
