package io.zkinfer.inference.testing;

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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * Writes tiny ONNX models for tests with the {@code OnnxMl} builders: float inputs of static shape, outputs of a
 * given rank (dimensions left symbolic), float, int64 and 8- to 32-bit integer initializers, and nodes with
 * attributes.
 */
public final class OnnxFixture {

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("fixture");
    private int opset = 13;

    public OnnxFixture opset(int version) {
        this.opset = version;
        return this;
    }

    public OnnxFixture input(String name, long... dims) {
        graph.addInput(valueInfo(name, dims));
        return this;
    }

    /** A float input whose dimensions are given as sizes (Long) or symbolic names (String). */
    public OnnxFixture inputWithDims(String name, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            shape.addDim(d instanceof String s ? TensorShapeProto.Dimension.newBuilder().setDimParam(s)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(((Number) d).longValue()));
        }
        graph.addInput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))));
        return this;
    }

    /** Declares an initializer also as a graph input, as models of IR version 3 do. */
    public OnnxFixture alsoAsInput(String name, long... dims) {
        graph.addInput(valueInfo(name, dims));
        return this;
    }

    /** An output of rank {@code rank} with symbolic dimensions {@code name_0, name_1, …}. */
    public OnnxFixture output(String name, int rank) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int i = 0; i < rank; i++) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(name + "_" + i));
        }
        graph.addOutput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))));
        return this;
    }

    /** A float initializer stored as little-endian {@code raw_data}. */
    public OnnxFixture floats(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        graph.addInitializer(tensor(name, dims, TensorProto.DataType.FLOAT).setRawData(ByteString.copyFrom(
                raw.array())));
        return this;
    }

    /** A float initializer of uniform random values in [-1, 1). */
    public OnnxFixture randomFloats(String name, Random random, long... dims) {
        return floats(name, dims, random(random, dims));
    }

    /** An int64 initializer stored in the typed {@code int64_data} field. */
    public OnnxFixture longs(String name, long[] dims, long... values) {
        TensorProto.Builder t = tensor(name, dims, TensorProto.DataType.INT64);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return this;
    }

    /**
     * An integer initializer of ONNX element type {@code type} (INT8, UINT8, INT16, UINT16 or INT32), stored in the
     * typed {@code int32_data} field as ONNX requires for those types.
     */
    public OnnxFixture ints(String name, TensorProto.DataType type, long[] dims, long... values) {
        TensorProto.Builder t = tensor(name, dims, type);
        for (long v : values) {
            t.addInt32Data(Math.toIntExact(v));
        }
        graph.addInitializer(t);
        return this;
    }

    public OnnxFixture initializer(TensorProto t) {
        graph.addInitializer(t);
        return this;
    }

    /** A node; {@code attributes} alternate name and value (Long, Float, String, long[], float[], TensorProto). */
    public OnnxFixture node(String op, String name, String[] inputs, String[] outputs, Object... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name);
        for (String in : inputs) {
            n.addInput(in);
        }
        for (String out : outputs) {
            n.addOutput(out);
        }
        for (int i = 0; i < attributes.length; i += 2) {
            n.addAttribute(attribute((String) attributes[i], attributes[i + 1]));
        }
        graph.addNode(n);
        return this;
    }

    public OnnxFixture node(String op, String name, String input, String output, Object... attributes) {
        return node(op, name, new String[] {input}, new String[] {output}, attributes);
    }

    public ModelProto model() {
        return ModelProto.newBuilder().setIrVersion(7).setProducerName("zkinfer-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build();
    }

    public byte[] bytes() {
        return model().toByteArray();
    }

    public static float[] random(Random random, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat() * 2 - 1;
        }
        return v;
    }

    private static TensorProto.Builder tensor(String name, long[] dims, TensorProto.DataType type) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber());
        for (long d : dims) {
            t.addDims(d);
        }
        return t;
    }

    private static ValueInfoProto valueInfo(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
    }

    private static AttributeProto attribute(String name, Object value) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (value instanceof Long l) {
            a.setType(AttributeProto.AttributeType.INT).setI(l);
        } else if (value instanceof Integer i) {
            a.setType(AttributeProto.AttributeType.INT).setI(i);
        } else if (value instanceof Float f) {
            a.setType(AttributeProto.AttributeType.FLOAT).setF(f);
        } else if (value instanceof String s) {
            a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
        } else if (value instanceof long[] ls) {
            a.setType(AttributeProto.AttributeType.INTS);
            for (long l : ls) {
                a.addInts(l);
            }
        } else if (value instanceof float[] fs) {
            a.setType(AttributeProto.AttributeType.FLOATS);
            for (float f : fs) {
                a.addFloats(f);
            }
        } else if (value instanceof TensorProto t) {
            a.setType(AttributeProto.AttributeType.TENSOR).setT(t);
        } else {
            throw new IllegalArgumentException("attribute type " + value.getClass());
        }
        return a.build();
    }
}
