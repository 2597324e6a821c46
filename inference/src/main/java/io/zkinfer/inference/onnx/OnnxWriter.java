package io.zkinfer.inference.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Dim;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@link Graph} as an ONNX model ({@code ModelProto}, IR version {@value #IR_VERSION}) that ONNX Runtime
 * and {@link OnnxImporter} read back: the graph's inputs and outputs with their types and shapes (dynamic
 * dimensions as {@code dim_param}), initializers as little-endian {@code raw_data}, and the nodes in order with
 * their attributes. Nodes use the default domain at the graph's opset, except the integer operators of a
 * quantized model ({@link #QUANT_DOMAIN_OPS}), which are written in domain {@value #QUANT_DOMAIN} version 1.
 */
public final class OnnxWriter {

    /** The ONNX IR version written (ONNX 1.13+; read by ONNX Runtime 1.14 and later). */
    public static final int IR_VERSION = 8;

    /** The operator domain of zkinfer's integer operators. */
    public static final String QUANT_DOMAIN = "ai.zkinfer.quant";

    /** The integer operators of a quantized model, the only ones written in (and read from) {@link #QUANT_DOMAIN}. */
    public static final Set<String> QUANT_DOMAIN_OPS = Set.of("IntMatMul", "IntConv", "IntConvTranspose", "IntAdd",
            "IntSub", "IntMul", "IntDiv", "Rescale", "Lookup", "IntSum", "IntMean", "IntAvgPool", "IntSoftmax");

    private static final String PRODUCER = "zkinfer";

    private OnnxWriter() {
    }

    /** The serialized model. */
    public static byte[] toBytes(Graph g) {
        return toProto(g).toByteArray();
    }

    /** Writes the serialized model to {@code file} (replacing it). */
    public static void write(Graph g, Path file) throws IOException {
        Files.write(file, toBytes(g));
    }

    static ModelProto toProto(Graph g) {
        GraphProto.Builder graph = GraphProto.newBuilder().setName(g.name() == null ? "" : g.name());
        g.inputs().forEach(in -> graph.addInput(valueInfo(in)));
        g.outputs().forEach(out -> graph.addOutput(valueInfo(out)));
        g.initializers().forEach((name, t) -> graph.addInitializer(tensor(name, t)));
        boolean quantized = false;
        for (Node n : g.nodes()) {
            NodeProto.Builder node = NodeProto.newBuilder().setOpType(n.opType()).setName(n.name())
                    .addAllInput(n.inputs()).addAllOutput(n.outputs());
            if (QUANT_DOMAIN_OPS.contains(n.opType())) {
                node.setDomain(QUANT_DOMAIN);
                quantized = true;
            }
            for (Map.Entry<String, Attribute> a : n.attributes().entrySet()) {
                node.addAttribute(attribute(a.getKey(), a.getValue()));
            }
            graph.addNode(node);
        }
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName(PRODUCER)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(g.opset()))
                .setGraph(graph);
        if (quantized) {
            model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(QUANT_DOMAIN).setVersion(1));
        }
        return model.build();
    }

    private static ValueInfoProto valueInfo(TensorInfo info) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Dim d : info.shape().dims()) {
            shape.addDim(d.isStatic() ? TensorShapeProto.Dimension.newBuilder().setDimValue(d.value())
                    : TensorShapeProto.Dimension.newBuilder().setDimParam(d.name()));
        }
        return ValueInfoProto.newBuilder().setName(info.name()).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(info.type().onnxCode()).setShape(shape))).build();
    }

    /** A tensor as {@code raw_data}, little-endian, in the width of its element type. */
    static TensorProto tensor(String name, Tensor t) {
        TensorProto.Builder b = TensorProto.newBuilder().setDataType(t.type().onnxCode());
        if (name != null) {
            b.setName(name);
        }
        for (long d : t.shape()) {
            b.addDims(d);
        }
        DataType type = t.type();
        int n = t.size();
        ByteBuffer raw = ByteBuffer.allocate(n * width(type)).order(ByteOrder.LITTLE_ENDIAN);
        if (type.isFloating()) {
            for (float v : t.floats()) {
                if (type == DataType.FLOAT) {
                    raw.putFloat(v);
                } else {
                    raw.putDouble(v);
                }
            }
        } else {
            for (long v : t.longs()) {
                switch (type) {
                    case INT64 -> raw.putLong(v);
                    case INT32, UINT32 -> raw.putInt((int) v);
                    case INT16, UINT16 -> raw.putShort((short) v);
                    default -> raw.put((byte) v); // INT8, UINT8, BOOL
                }
            }
        }
        return b.setRawData(ByteString.copyFrom(raw.array())).build();
    }

    private static int width(DataType type) {
        return switch (type) {
            case FLOAT, INT32, UINT32 -> 4;
            case DOUBLE, INT64 -> 8;
            case INT16, UINT16 -> 2;
            case INT8, UINT8, BOOL -> 1;
        };
    }

    private static AttributeProto attribute(String name, Attribute a) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name);
        if (a instanceof Attribute.Int i) {
            b.setType(AttributeProto.AttributeType.INT).setI(i.value());
        } else if (a instanceof Attribute.Float f) {
            b.setType(AttributeProto.AttributeType.FLOAT).setF(f.value());
        } else if (a instanceof Attribute.Str s) {
            b.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFrom(s.value(), StandardCharsets.UTF_8));
        } else if (a instanceof Attribute.Ints ints) {
            b.setType(AttributeProto.AttributeType.INTS).addAllInts(ints.values());
        } else if (a instanceof Attribute.Floats floats) {
            b.setType(AttributeProto.AttributeType.FLOATS).addAllFloats(floats.values());
        } else if (a instanceof Attribute.TensorValue t) {
            b.setType(AttributeProto.AttributeType.TENSOR).setT(tensor(null, t.value()));
        }
        return b.build();
    }
}
