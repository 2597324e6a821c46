package io.zkinfer.inference.onnx;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.inference.exec.FloatExecutor;
import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Dim;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.ort.OnnxRuntimeRunner;
import io.zkinfer.inference.testing.OnnxFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A graph written by {@link OnnxWriter} reads back unchanged, and ONNX Runtime runs it with the same results. */
class OnnxWriterTest {

    private static final OnnxImporter IMPORTER = new OnnxImporter();

    private static Graph convNet(Random random) {
        return IMPORTER.importModel(new OnnxFixture().inputWithDims("x", "batch", 2L, 6L, 6L)
                .randomFloats("w", random, 3, 2, 3, 3).randomFloats("b", random, 3)
                .randomFloats("fc", random, 27, 4)
                .longs("flat", new long[] {2}, 1, 27)
                .node("Conv", "conv", new String[] {"x", "w", "b"}, new String[] {"c"}, "strides",
                        new long[] {2, 2}, "pads", new long[] {1, 1, 1, 1})
                .node("Relu", "relu", "c", "r")
                .node("Reshape", "flatten", new String[] {"r", "flat"}, new String[] {"f"})
                .node("MatMul", "fc", new String[] {"f", "fc"}, new String[] {"logits"})
                .node("Softmax", "softmax", "logits", "y", "axis", -1L)
                .output("y", 2).bytes());
    }

    @Test
    void aWrittenGraphReadsBackNodeForNodeAndValueForValue() {
        Random random = new Random(TestRandom.seed("OnnxWriterTest.roundTrip"));
        Graph g = convNet(random);
        Graph back = IMPORTER.importModel(OnnxWriter.toBytes(g));
        assertEquals(g.opset(), back.opset());
        assertEquals(g.inputs(), back.inputs());
        assertEquals(g.outputs(), back.outputs());
        assertEquals(g.nodes(), back.nodes());
        assertEquals(g.initializers().keySet(), back.initializers().keySet());
        for (String name : g.initializers().keySet()) {
            Tensor a = g.initializers().get(name);
            Tensor b = back.initializers().get(name);
            assertEquals(a.type(), b.type(), name);
            assertArrayEquals(a.shape(), b.shape(), name);
            if (a.type().isFloating()) {
                assertArrayEquals(a.floats(), b.floats(), name);
            } else {
                assertArrayEquals(a.longs(), b.longs(), name);
            }
        }
        assertEquals(new Dim(-1, "batch"), back.inputs().get(0).shape().dims().get(0));
    }

    @Test
    void onnxRuntimeRunsAWrittenGraphAndAgreesWithTheFloatExecutor(@TempDir Path dir) throws Exception {
        Random random = new Random(TestRandom.seed("OnnxWriterTest.ort"));
        Graph g = convNet(random);
        Path file = dir.resolve("net.onnx");
        OnnxWriter.write(g, file);
        Tensor x = Tensor.ofFloats(new long[] {1, 2, 6, 6}, OnnxFixture.random(random, 1, 2, 6, 6));
        float[] ours = new FloatExecutor(g).run(Map.of("x", x)).get("y").floats();
        float[] ort;
        try (OnnxRuntimeRunner runner = new OnnxRuntimeRunner(java.nio.file.Files.readAllBytes(file))) {
            ort = runner.run(Map.of("x", x)).get("y").floats();
        }
        assertEquals(ort.length, ours.length);
        for (int i = 0; i < ort.length; i++) {
            assertEquals(ort[i], ours[i], 1e-5, "y[" + i + "]");
        }
    }

    @Test
    void everyIntegerWidthSurvivesTheRoundTrip() {
        Map<DataType, long[]> samples = Map.of(DataType.INT8, new long[] {-128, 127}, DataType.UINT8,
                new long[] {0, 255}, DataType.INT16, new long[] {-32768, 32767}, DataType.UINT16,
                new long[] {0, 65535}, DataType.INT32, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
                DataType.INT64, new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, DataType.UINT32,
                new long[] {0, 0xFFFF_FFFFL}, DataType.BOOL, new long[] {0, 1});
        for (var e : samples.entrySet()) {
            Graph g = new Graph("widths", 13, List.of(new TensorInfo("x", DataType.FLOAT, Shape.of(2))),
                    List.of(new TensorInfo("y", DataType.FLOAT, Shape.of(2))),
                    List.of(new Node("Relu", "r", List.of("x"), List.of("y"), Map.of())),
                    Map.of("t", Tensor.ofLongs(e.getKey(), new long[] {2}, e.getValue())));
            Tensor back = IMPORTER.importModel(OnnxWriter.toBytes(g)).initializers().get("t");
            assertEquals(e.getKey(), back.type());
            assertArrayEquals(e.getValue(), back.longs(), e.getKey().toString());
        }
    }

    @Test
    void integerOperatorsAreWrittenInTheQuantDomainAndOnlyThey() {
        Graph g = new Graph("q", 13, List.of(new TensorInfo("x", DataType.INT64, Shape.of(2))),
                List.of(new TensorInfo("y", DataType.INT64, Shape.of(2))),
                List.of(new Node("Rescale", "rq", List.of("x"), List.of("r"), Map.of("div", Attribute.Ints.of(4),
                                "mul", Attribute.Ints.of(1), "lo", new Attribute.Int(-128), "hi",
                                new Attribute.Int(127))),
                        new Node("Relu", "relu", List.of("r"), List.of("y"), Map.of())), Map.of());
        var model = OnnxWriter.toProto(g);
        assertEquals(OnnxWriter.QUANT_DOMAIN, model.getGraph().getNode(0).getDomain());
        assertEquals("", model.getGraph().getNode(1).getDomain());
        assertTrue(model.getOpsetImportList().stream().anyMatch(o -> o.getDomain().equals(OnnxWriter.QUANT_DOMAIN)
                && o.getVersion() == 1));
    }
}
