package io.zkinfer.inference.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.CodedInputStream;
import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Dim;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads an ONNX model (a serialized {@code ModelProto}) into a {@link Graph}. Accepts default-domain opsets
 * {@value #MIN_OPSET} to {@value #MAX_OPSET}; initializers and {@code Constant} nodes become constants;
 * {@code Identity} and {@code Dropout} (inference mode) are removed; nodes are put in topological order. Nodes in
 * domain {@code ai.zkinfer.quant} are accepted only for the integer operators of a quantized model
 * ({@link OnnxWriter#QUANT_DOMAIN_OPS}), every other non-default domain is refused. Anything
 * else is refused with an {@link OnnxImportException} that names the problem: an operator outside
 * {@link #SUPPORTED_OPERATORS}, an opset out of range, a cycle, an undefined value, a tensor whose declared size
 * disagrees with its data or exceeds the {@link ImportLimits}.
 */
public final class OnnxImporter {

    public static final int MIN_OPSET = 9;
    public static final int MAX_OPSET = 21;

    /** Operators a graph may contain after import; the float executor implements each. */
    public static final SortedSet<String> EXECUTABLE_OPERATORS = Collections.unmodifiableSortedSet(new TreeSet<>(
            List.of("Add", "AveragePool", "BatchNormalization", "Cast", "Clip", "Concat", "Conv", "ConvInteger",
                    "ConvTranspose", "Div", "Flatten", "MatMulInteger", "QLinearConv", "QLinearMatMul",
                    "DequantizeLinear", "Gather", "Gemm", "GlobalAveragePool", "HardSigmoid", "HardSwish", "Identity",
                    "LeakyRelu", "MatMul", "MaxPool", "Mul", "Pad", "Pow", "QuantizeLinear", "ReduceMean", "ReduceSum",
                    "Relu", "Reshape", "Resize", "Shape", "Sigmoid", "Slice", "Softmax", "Sqrt", "Squeeze", "Sub",
                    "Tanh", "Transpose", "Unsqueeze")));

    /** Every operator accepted on import: the executable ones and those the import itself resolves. */
    public static final SortedSet<String> SUPPORTED_OPERATORS;

    static {
        TreeSet<String> all = new TreeSet<>(EXECUTABLE_OPERATORS);
        all.addAll(List.of("Constant", "Dropout"));
        SUPPORTED_OPERATORS = Collections.unmodifiableSortedSet(all);
    }

    private final ImportLimits limits;

    public OnnxImporter() {
        this(ImportLimits.DEFAULT);
    }

    public OnnxImporter(ImportLimits limits) {
        this.limits = limits;
    }

    /** Imports the model file at {@code path}. */
    public Graph importModel(Path path) throws IOException {
        long size = Files.size(path);
        if (size > limits.maxModelBytes()) {
            throw new OnnxImportException("model file " + path.getFileName() + " has " + size
                    + " bytes, more than the limit of " + limits.maxModelBytes());
        }
        return importModel(Files.readAllBytes(path));
    }

    /** Imports a serialized {@code ModelProto}. */
    public Graph importModel(byte[] bytes) {
        if (bytes.length > limits.maxModelBytes()) {
            throw new OnnxImportException("model has " + bytes.length + " bytes, more than the limit of "
                    + limits.maxModelBytes());
        }
        ModelProto model;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setRecursionLimit(limits.maxNesting());
            model = ModelProto.parseFrom(in);
        } catch (IOException e) { // InvalidProtocolBufferException for malformed bytes
            throw new OnnxImportException("not a valid ONNX model (protobuf ModelProto): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new OnnxImportException("not a valid ONNX model (protobuf ModelProto): " + e, e);
        }
        try {
            return convert(model);
        } catch (IllegalArgumentException e) { // a well-formed protobuf that breaks an IR invariant
            throw new OnnxImportException("invalid ONNX model: " + e.getMessage(), e);
        }
    }

    private Graph convert(ModelProto model) {
        int opset = defaultOpset(model);
        if (!model.hasGraph()) {
            throw new OnnxImportException("the ONNX model has no graph");
        }
        GraphProto g = model.getGraph();
        if (g.getNodeCount() > limits.maxNodes()) {
            throw new OnnxImportException("the graph has " + g.getNodeCount() + " nodes, more than the limit of "
                    + limits.maxNodes());
        }
        Map<String, Tensor> constants = new LinkedHashMap<>();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            var t = g.getInitializer(i);
            if (t.getName().isEmpty()) {
                throw new OnnxImportException("initializer #" + i + " has no name");
            }
            if (constants.put(t.getName(), TensorDecoder.decode(t, "initializer '" + t.getName() + "'",
                    limits.maxTensorElements())) != null) {
                throw new OnnxImportException("initializer '" + t.getName() + "' is defined twice");
            }
        }
        List<TensorInfo> inputs = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) {
            if (!constants.containsKey(v.getName())) { // IR < 4 lists initializers among the inputs
                inputs.add(valueInfo(v, "graph input"));
            }
        }
        List<TensorInfo> outputs = new ArrayList<>();
        for (ValueInfoProto v : g.getOutputList()) {
            outputs.add(valueInfo(v, "graph output"));
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto np = g.getNode(i);
            String name = np.getName().isEmpty() ? np.getOpType() + "_" + i : np.getName();
            String domain = np.getDomain();
            boolean quantOp = domain.equals(OnnxWriter.QUANT_DOMAIN);
            if (quantOp && !OnnxWriter.QUANT_DOMAIN_OPS.contains(np.getOpType())) {
                throw new OnnxImportException("unsupported operator '" + domain + "." + np.getOpType() + "' (node '"
                        + name + "'); domain " + domain + " has only " + new TreeSet<>(OnnxWriter.QUANT_DOMAIN_OPS));
            }
            if (!quantOp && !domain.isEmpty() && !domain.equals("ai.onnx")) {
                throw new OnnxImportException("unsupported ONNX operator '" + domain + "." + np.getOpType()
                        + "' (node '" + name + "'); only the default domain (and zkinfer's integer operators in "
                        + OnnxWriter.QUANT_DOMAIN + ") is supported: " + SUPPORTED_OPERATORS);
            }
            if (!quantOp && !SUPPORTED_OPERATORS.contains(np.getOpType())) {
                throw new OnnxImportException("unsupported ONNX operator '" + np.getOpType() + "' (node '" + name
                        + "'); supported: " + String.join(", ", SUPPORTED_OPERATORS));
            }
            if (np.getOutputCount() == 0 || np.getOutput(0).isEmpty()) {
                throw new OnnxImportException(np.getOpType() + " node '" + name + "' has no output");
            }
            Map<String, Attribute> attributes = new LinkedHashMap<>();
            for (AttributeProto a : np.getAttributeList()) {
                attributes.put(a.getName(), attribute(a, np.getOpType() + " node '" + name + "'"));
            }
            nodes.add(new Node(np.getOpType(), name, np.getInputList(), np.getOutputList(), attributes));
        }
        nodes = GraphRewrites.constantsToInitializers(nodes, constants);
        nodes = GraphOrder.topological(nodes, inputs, constants.keySet());
        nodes = GraphRewrites.removePassThrough(nodes, outputs, inputs, constants);
        try {
            return new Graph(g.getName(), opset, inputs, outputs, nodes, constants);
        } catch (IllegalArgumentException e) {
            throw new OnnxImportException("invalid graph: " + e.getMessage(), e);
        }
    }

    private static int defaultOpset(ModelProto model) {
        Integer found = null;
        for (OperatorSetIdProto id : model.getOpsetImportList()) {
            if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
                found = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, id.getVersion()));
            }
        }
        if (found == null) {
            throw new OnnxImportException("the ONNX model imports no default-domain opset; supported opsets: "
                    + MIN_OPSET + " to " + MAX_OPSET);
        }
        if (found < MIN_OPSET || found > MAX_OPSET) {
            throw new OnnxImportException("the ONNX model uses opset " + found + "; supported opsets: " + MIN_OPSET
                    + " to " + MAX_OPSET + " (convert it with onnx.version_converter)");
        }
        return found;
    }

    private TensorInfo valueInfo(ValueInfoProto v, String what) {
        String name = v.getName();
        if (name.isEmpty()) {
            throw new OnnxImportException("a " + what + " has no name");
        }
        if (!v.hasType() || !v.getType().hasTensorType()) {
            throw new OnnxImportException(what + " '" + name + "' is not declared as a tensor");
        }
        var tt = v.getType().getTensorType();
        DataType type;
        try {
            type = DataType.fromOnnx(tt.getElemType());
        } catch (IllegalArgumentException e) {
            throw new OnnxImportException(what + " '" + name + "': " + e.getMessage());
        }
        if (!tt.hasShape()) {
            throw new OnnxImportException(what + " '" + name + "' declares no shape (rank unknown)");
        }
        List<Dim> dims = new ArrayList<>();
        long product = 1;
        for (TensorShapeProto.Dimension d : tt.getShape().getDimList()) {
            if (d.hasDimValue()) {
                long size = d.getDimValue();
                if (size < 0) {
                    throw new OnnxImportException(what + " '" + name + "' declares a negative dimension " + size);
                }
                product = size == 0 ? 0 : (product > limits.maxTensorElements() / size
                        ? limits.maxTensorElements() + 1 : product * size);
                if (product > limits.maxTensorElements()) {
                    throw new OnnxImportException(what + " '" + name + "' declares dimensions "
                            + tt.getShape().getDimList().stream().map(x -> x.hasDimValue()
                            ? Long.toString(x.getDimValue()) : x.getDimParam()).toList()
                            + ", more than the limit of " + limits.maxTensorElements() + " elements");
                }
                dims.add(Dim.of(size));
            } else {
                dims.add(Dim.named(d.getDimParam()));
            }
        }
        return new TensorInfo(name, type, new Shape(dims));
    }

    private Attribute attribute(AttributeProto a, String owner) {
        String what = "attribute '" + a.getName() + "' of " + owner;
        return switch (a.getType()) {
            case INT -> new Attribute.Int(a.getI());
            case FLOAT -> new Attribute.Float(a.getF());
            case STRING -> new Attribute.Str(a.getS().toString(StandardCharsets.UTF_8));
            case INTS -> new Attribute.Ints(a.getIntsList());
            case FLOATS -> new Attribute.Floats(a.getFloatsList());
            case TENSOR -> new Attribute.TensorValue(TensorDecoder.decode(a.getT(), what,
                    limits.maxTensorElements()));
            default -> throw new OnnxImportException(what + " has type " + a.getType()
                    + ", which is not supported (INT, FLOAT, STRING, INTS, FLOATS, TENSOR are)");
        };
    }

    static Set<String> names(List<TensorInfo> infos) {
        Set<String> s = new java.util.HashSet<>();
        infos.forEach(i -> s.add(i.name()));
        return s;
    }
}
