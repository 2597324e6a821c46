package io.zkinfer.inference.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Dim;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.testing.OnnxFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a successful import produces: constants decoded exactly, pass-through nodes gone, nodes ordered. */
class OnnxImporterTest {

    private static final OnnxImporter IMPORTER = new OnnxImporter();

    private static Graph importWith(TensorProto initializer) {
        return IMPORTER.importModel(new OnnxFixture().input("x", 1).initializer(initializer)
                .node("Relu", "r", "x", "y").output("y", 1).bytes());
    }

    private static TensorProto.Builder tensor(String name, int type, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type);
        for (long d : dims) {
            t.addDims(d);
        }
        return t;
    }

    @Test
    void rawDataIsLittleEndianForEveryElementType() {
        ByteBuffer f = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2.25f);
        assertArrayEquals(new float[] {1.5f, -2.25f}, importWith(tensor("t", 1, 2)
                .setRawData(ByteString.copyFrom(f.array())).build()).initializers().get("t").floats());
        ByteBuffer l = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-7).putLong(1L << 40);
        assertArrayEquals(new long[] {-7, 1L << 40}, importWith(tensor("t", 7, 2)
                .setRawData(ByteString.copyFrom(l.array())).build()).initializers().get("t").longs());
        ByteBuffer i = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-3).putInt(70000);
        assertArrayEquals(new long[] {-3, 70000}, importWith(tensor("t", 6, 2)
                .setRawData(ByteString.copyFrom(i.array())).build()).initializers().get("t").longs());
        assertArrayEquals(new long[] {-1, 127}, importWith(tensor("t", 3, 2)
                .setRawData(ByteString.copyFrom(new byte[] {-1, 127})).build()).initializers().get("t").longs());
        assertArrayEquals(new long[] {255, 1}, importWith(tensor("t", 2, 2)
                .setRawData(ByteString.copyFrom(new byte[] {-1, 1})).build()).initializers().get("t").longs());
        ByteBuffer d = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.125);
        Tensor dt = importWith(tensor("t", 11, 1).setRawData(ByteString.copyFrom(d.array())).build())
                .initializers().get("t");
        assertEquals(DataType.DOUBLE, dt.type());
        assertArrayEquals(new float[] {0.125f}, dt.floats());
    }

    @Test
    void typedFieldsDecodeLikeRawData() {
        assertArrayEquals(new float[] {1.5f, -2.25f}, importWith(tensor("t", 1, 2).addFloatData(1.5f)
                .addFloatData(-2.25f).build()).initializers().get("t").floats());
        assertArrayEquals(new long[] {-7, 1L << 40}, importWith(tensor("t", 7, 2).addInt64Data(-7)
                .addInt64Data(1L << 40).build()).initializers().get("t").longs());
        assertArrayEquals(new long[] {-1, 127}, importWith(tensor("t", 3, 2).addInt32Data(-1).addInt32Data(127)
                .build()).initializers().get("t").longs());
        assertArrayEquals(new long[] {255}, importWith(tensor("t", 2, 1).addInt32Data(255).build())
                .initializers().get("t").longs());
        assertArrayEquals(new long[] {2, 1}, importWith(tensor("t", 11, 2, 1).addDoubleData(2).addDoubleData(3)
                .build()).initializers().get("t").shape());
    }

    @Test
    void constantNodesOfEveryValueKindBecomeConstants() {
        Graph g = IMPORTER.importModel(new OnnxFixture().input("x", 2)
                .node("Constant", "c1", new String[0], new String[] {"s"}, "value_ints", new long[] {0, -1})
                .node("Constant", "c2", new String[0], new String[] {"f"}, "value_float", 0.5f)
                .node("Constant", "c3", new String[0], new String[] {"fs"}, "value_floats", new float[] {1, 2})
                .node("Constant", "c4", new String[0], new String[] {"i"}, "value_int", 3L)
                .node("Reshape", "r", new String[] {"x", "s"}, new String[] {"y"})
                .output("y", 2).bytes());
        assertEquals(List.of("Reshape"), g.nodes().stream().map(Node::opType).toList());
        assertArrayEquals(new long[] {0, -1}, g.initializers().get("s").longs());
        assertArrayEquals(new float[] {0.5f}, g.initializers().get("f").floats());
        assertEquals(0, g.initializers().get("f").rank());
        assertArrayEquals(new float[] {1, 2}, g.initializers().get("fs").floats());
        assertArrayEquals(new long[] {3}, g.initializers().get("i").longs());
    }

    @Test
    void nodesAreSortedTopologicallyAndUnnamedNodesGetNames() {
        Graph g = IMPORTER.importModel(new OnnxFixture().input("x", 2)
                .node("Relu", "second", "h", "y")
                .node("Relu", "", "x", "h")
                .output("y", 1).bytes());
        assertEquals(List.of("Relu_1", "second"), g.nodes().stream().map(Node::name).toList());
    }

    @Test
    void dynamicDimensionsKeepTheirNames() {
        Graph g = IMPORTER.importModel(new OnnxFixture().inputWithDims("x", "batch", 4L)
                .node("Relu", "r", "x", "y").output("y", 2).bytes());
        assertEquals(List.of(Dim.named("batch"), Dim.of(4)), g.inputs().get(0).shape().dims());
        assertEquals(List.of("y_0", "y_1"), g.outputs().get(0).shape().dims().stream().map(Dim::name).toList());
    }

    @Test
    void initializersListedAsInputsAreNotGraphInputs() {
        Graph g = IMPORTER.importModel(new OnnxFixture().input("x", 1, 2).alsoAsInput("w", 2, 2)
                .floats("w", new long[] {2, 2}, new float[] {1, 2, 3, 4})
                .node("MatMul", "mm", new String[] {"x", "w"}, new String[] {"y"}).output("y", 2).bytes());
        assertEquals(List.of("x"), g.inputs().stream().map(i -> i.name()).toList());
    }

    @Test
    void passThroughNodesAreRemovedExceptWhereAnOutputIsAnInput() {
        Graph g = IMPORTER.importModel(new OnnxFixture().input("x", 2)
                .node("Identity", "a", "x", "x1")
                .node("Relu", "r", "x1", "h")
                .node("Dropout", "d", "h", "y")
                .node("Identity", "b", "x", "copy")
                .output("y", 1).output("copy", 1).bytes());
        assertEquals(List.of("Relu", "Identity"), g.nodes().stream().map(Node::opType).toList());
        assertEquals(List.of("x"), g.nodes().get(0).inputs());
        assertEquals(List.of("y"), g.nodes().get(0).outputs());
    }

    @Test
    void twoOutputsThatAreCopiesOfOneValueBothSurvive() {
        Graph g = IMPORTER.importModel(new OnnxFixture().input("x", 2)
                .node("Relu", "r", "x", "h")
                .node("Identity", "a", "h", "y1")
                .node("Identity", "b", "h", "y2")
                .node("Relu", "r2", "h", "z")
                .output("y1", 1).output("y2", 1).output("z", 1).bytes());
        assertEquals(List.of("Relu", "Relu", "Identity"), g.nodes().stream().map(Node::opType).toList());
        assertEquals(List.of("y1"), g.nodes().get(0).outputs());
        assertEquals(List.of("y1"), g.nodes().get(1).inputs());
        assertEquals(List.of("y1"), g.nodes().get(2).inputs());
        assertEquals(List.of("y2"), g.nodes().get(2).outputs());
    }

    @Test
    void dropoutInTrainingModeIsRefused() {
        String message = assertThrows(OnnxImportException.class, () -> IMPORTER.importModel(new OnnxFixture()
                .input("x", 2).node("Constant", "t", new String[0], new String[] {"train"},
                        "value", tensor("", 9, new long[0]).setRawData(ByteString.copyFrom(new byte[] {1})).build())
                .node("Dropout", "d", new String[] {"x", "", "train"}, new String[] {"y"})
                .output("y", 1).bytes())).getMessage();
        assertTrue(message.contains("Dropout node 'd'") && message.contains("training_mode"), message);
    }

    @Test
    void modelFilesAreBoundedBeforeTheyAreRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.onnx");
        byte[] model = new OnnxFixture().input("x", 2).node("Relu", "r", "x", "y").output("y", 1).bytes();
        Files.write(file, model);
        assertEquals(1, IMPORTER.importModel(file).nodes().size());
        ImportLimits tight = new ImportLimits(model.length - 1, 1 << 20, 10, 64);
        String message = assertThrows(OnnxImportException.class, () -> new OnnxImporter(tight).importModel(file))
                .getMessage();
        assertTrue(message.contains("more than the limit of " + (model.length - 1)), message);
    }
}
