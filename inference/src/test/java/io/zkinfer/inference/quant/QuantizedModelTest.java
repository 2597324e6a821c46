package io.zkinfer.inference.quant;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.onnx.OnnxImportException;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.onnx.OnnxWriter;
import io.zkinfer.inference.testing.OnnxFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing and reading quantized models and settings, determinism across threads, and the overflow refusal. */
class QuantizedModelTest {

    private static Random random;

    @BeforeAll
    static void setUp() {
        long seed = TestRandom.seed(QuantizedModelTest.class.getSimpleName());
        System.out.println("QuantizedModelTest seed " + seed);
        random = new Random(seed);
    }

    /** A small CNN + MLP head: Conv, Relu, MaxPool, Flatten, Gemm, Softmax. */
    private static Graph cnn(int channels, int size) {
        return new OnnxImporter().importModel(new OnnxFixture().input("x", 1, 2, size, size)
                .randomFloats("w", random, channels, 2, 3, 3).randomFloats("b", random, channels)
                .randomFloats("fc", random, 10, channels * (size / 2) * (size / 2)).randomFloats("fb", random, 10)
                .node("Conv", "conv", new String[] {"x", "w", "b"}, new String[] {"c"}, "pads", new long[] {1, 1, 1, 1})
                .node("Relu", "relu", "c", "r")
                .node("MaxPool", "pool", "r", "p", "kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2})
                .node("Flatten", "flat", "p", "f")
                .node("Gemm", "fc", new String[] {"f", "fc", "fb"}, new String[] {"z"}, "transB", 1L)
                .node("Softmax", "sm", "z", "y").output("y", 2).bytes());
    }

    private static Map<String, Tensor> sample(long... shape) {
        return Map.of("x", Tensor.ofFloats(shape, OnnxFixture.random(random, shape)));
    }

    @Test
    void writeThenReadGivesBitIdenticalOutputsAndEqualSettings(@TempDir Path dir) throws Exception {
        Graph g = cnn(4, 8);
        Calibration cal = Calibration.fromRanges(g, Map.of(), 8);
        for (QuantOptions opt : List.of(QuantOptions.DEFAULT, QuantOptions.DEFAULT.withBits(16).withPerChannel(true))) {
            QuantizedModel q = Quantizer.quantize(g, cal, opt);
            Path out = dir.resolve("q" + opt.activationBits());
            q.write(out);
            assertTrue(Files.isRegularFile(out.resolve("settings.json")));
            QuantizedModel back = QuantizedModel.read(out);
            assertEquals(q.settings(), back.settings());
            Map<String, Tensor> x = sample(1, 2, 8, 8);
            Map<String, Tensor> xi = Map.of("x", IntegerExecutor.quantize(x.get("x"),
                    q.settings().tensor("x").orElseThrow().scaleBits(), opt.activationMin(), opt.activationMax()));
            assertArrayEquals(new IntegerExecutor(q).runIntegers(xi).get("y").longs(),
                    new IntegerExecutor(back).runIntegers(xi).get("y").longs());
        }
    }

    @Test
    void singleAndMultiThreadedRunsAreBitIdentical() {
        Graph g = cnn(16, 32); // the conv has 16*32*32*18 = 295k multiply-accumulates: above the parallel threshold
        QuantizedModel q = Quantizer.quantize(g, Calibration.fromRanges(g, Map.of(), 2), QuantOptions.DEFAULT);
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            for (int i = 0; i < 3; i++) {
                Map<String, Tensor> x = sample(1, 2, 32, 32);
                Map<String, Tensor> serial = new IntegerExecutor(q, null).run(x);
                Map<String, Tensor> parallel = new IntegerExecutor(q, pool).run(x);
                assertArrayEquals(serial.get("y").floats(), parallel.get("y").floats());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void settingsRoundTripThroughJsonAndAFutureVersionIsRefused() {
        Graph g = cnn(2, 4);
        QuantSettings s = Quantizer.quantize(g, Calibration.fromRanges(g, Map.of("x", new float[] {0, 1}), 3),
                QuantOptions.DEFAULT.withPerChannel(true), "ab12").settings();
        String json = s.toJson();
        assertTrue(json.contains("\"format\" : \"zkinfer-quant-settings\""), json.substring(0, 200));
        assertEquals(s, QuantSettings.fromJson(json));
        assertTrue(s.tensors().stream().anyMatch(t -> t.channelScaleBits() != null), "per-channel scales recorded");
        assertTrue(s.nodes().stream().anyMatch(p -> p.from().equals("fc") && p.opType().equals("IntMatMul")));
        IllegalArgumentException future = assertThrows(IllegalArgumentException.class,
                () -> QuantSettings.fromJson(json.replace("\"version\" : 1", "\"version\" : 2")));
        assertTrue(future.getMessage().contains("version 2") && future.getMessage().contains("reads version 1"),
                future.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> QuantSettings.fromJson("{\"format\": \"something-else\", \"version\": 1}"));
        assertTrue(other.getMessage().contains("zkinfer-quant-settings"), other.getMessage());
    }

    @Test
    void accuracyReportRefusesAReferenceWhoseOutputHasAnotherShape() {
        Graph g = cnn(4, 8);
        QuantizedModel q = Quantizer.quantize(g, Calibration.fromRanges(g, Map.of(), 4), QuantOptions.DEFAULT);
        // another model with an output 'y' of 2 values instead of 10: comparing a prefix would be meaningless
        Graph other = new OnnxImporter().importModel(new OnnxFixture().input("x", 1, 2, 8, 8)
                .node("ReduceMean", "mean", "x", "y", "axes", new long[] {2, 3}, "keepdims", 0L).output("y", 2)
                .bytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccuracyReport.measure(other, q, List.of(sample(1, 2, 8, 8))));
        assertTrue(e.getMessage().contains("'y'") && e.getMessage().contains("[1, 2]")
                && e.getMessage().contains("[1, 10]"), e.getMessage());
    }

    @Test
    void accuracyReportAgainstTheFloatExecutorCountsTopOneAndSerialises() throws Exception {
        Graph g = cnn(4, 8);
        QuantizedModel q = Quantizer.quantize(g, Calibration.fromRanges(g, Map.of(), 8), QuantOptions.DEFAULT);
        List<Map<String, Tensor>> test = List.of(sample(1, 2, 8, 8), sample(1, 2, 8, 8), sample(1, 2, 8, 8));
        int[] labels = new int[test.size()];
        for (int i = 0; i < labels.length; i++) {
            float[] y = new io.zkinfer.inference.exec.FloatExecutor(g).run(test.get(i)).get("y").floats();
            for (int c = 1; c < y.length; c++) {
                labels[i] = y[c] > y[labels[i]] ? c : labels[i];
            }
        }
        AccuracyReport r = AccuracyReport.measure(g, q, test, labels);
        System.out.print(r.toText());
        assertEquals(1.0, r.floatTop1Accuracy(), "labels are the float model's own top-1");
        assertEquals(r.outputs().get(0).top1Agreement(), r.integerTop1Accuracy(), 1e-12);
        assertTrue(r.outputs().get(0).maxAbsError() >= r.outputs().get(0).meanAbsError());
        assertEquals(30, r.outputs().get(0).elements());
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(r);
        assertTrue(json.contains("\"top1Agreement\""), json);
        assertTrue(r.toText().contains("top-1 accuracy: float 100.00%"), r.toText());
    }

    @Test
    void aPositiveDivisorThatRoundsToZeroDoesNotFailTheDivision() {
        // LayerNorm of a constant row: var = 0, so the divisor is sqrt(eps), below half an 8-bit step
        Graph g = new OnnxImporter().importModel(QuantizedOperatorTest.layerNorm(1, 4).bytes());
        Map<String, Tensor> flat = Map.of("x", Tensor.ofFloats(new long[] {1, 4}, new float[] {0.5f, 0.5f, 0.5f,
            0.5f}));
        Map<String, Tensor> spread = Map.of("x", Tensor.ofFloats(new long[] {1, 4}, new float[] {-1f, 1f, 0.5f,
            -0.25f}));
        QuantizedModel q = Quantizer.quantize(g, new Calibration(List.of(flat, spread), "two rows"),
                QuantOptions.DEFAULT);
        Map<String, Tensor> xi = Map.of("x", IntegerExecutor.quantize(flat.get("x"),
                q.settings().tensor("x").orElseThrow().scaleBits(), -128, 127));
        assertArrayEquals(new long[4], new IntegerExecutor(q).runIntegers(xi).get("y").longs(),
                "0 / clamp(sqrt(eps)) = 0, not an error");
        assertTrue(q.graph().nodes().stream().anyMatch(n -> n.name().equals("norm/Rescale")
                && n.intAttr("lo", 0) == 1), "the divisor is clamped to >= 1");
    }

    @Test
    void aBoundOver2To62IsRefusedNamingTheNode() {
        Graph g = new OnnxImporter().importModel(new OnnxFixture().input("x", 2, 3)
                .floats("c", new long[] {3}, new float[] {1e17f, 0f, 1f})
                .node("Add", "huge", new String[] {"x", "c"}, new String[] {"y"}).output("y", 2).bytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantizer.quantize(g,
                Calibration.fromRanges(g, Map.of(), 2), QuantOptions.DEFAULT));
        assertTrue(e.getMessage().contains("'huge'") && e.getMessage().contains("2^62")
                && e.getMessage().contains("fewer scale bits"), e.getMessage());
    }

    @Test
    void aCastOfActivationsToIntegersIsRefused() {
        Graph g = new OnnxImporter().importModel(new OnnxFixture().input("x", 2, 3)
                .node("Cast", "toInt", "x", "i", "to", 7L).node("Cast", "back", "i", "y", "to", 1L)
                .output("y", 2).bytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantizer.quantize(g,
                Calibration.fromRanges(g, Map.of(), 2), QuantOptions.DEFAULT));
        assertTrue(e.getMessage().contains("'toInt'"), e.getMessage());
    }

    @Test
    void theImporterAcceptsOnlyZkinfersIntegerOperatorsInTheirDomain() {
        Graph g = cnn(2, 4);
        QuantizedModel q = Quantizer.quantize(g, Calibration.fromRanges(g, Map.of(), 2), QuantOptions.DEFAULT);
        ModelProto model;
        try {
            model = ModelProto.parseFrom(OnnxWriter.toBytes(q.graph()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        new OnnxImporter().importModel(model.toByteArray()); // accepted
        ModelProto.Builder unknown = model.toBuilder();
        unknown.getGraphBuilder().getNodeBuilder(0).setDomain(OnnxWriter.QUANT_DOMAIN).setOpType("IntMagic");
        OnnxImportException e = assertThrows(OnnxImportException.class,
                () -> new OnnxImporter().importModel(unknown.build().toByteArray()));
        assertTrue(e.getMessage().contains("IntMagic") && e.getMessage().contains("IntMatMul"), e.getMessage());
        ModelProto.Builder foreign = model.toBuilder();
        foreign.getGraphBuilder().getNodeBuilder(0).setDomain("com.microsoft");
        e = assertThrows(OnnxImportException.class, () -> new OnnxImporter().importModel(
                foreign.build().toByteArray()));
        assertTrue(e.getMessage().contains("com.microsoft"), e.getMessage());
    }

    @Test
    void calibrationReadsOneSampleOrASampleList(@TempDir Path dir) throws Exception {
        Graph g = new OnnxImporter().importModel(new OnnxFixture().input("x", 1, 3)
                .node("Relu", "r", "x", "y").output("y", 2).bytes());
        Path one = dir.resolve("one.json");
        Files.writeString(one, "{\"x\": [[0.5, -1.0, 2.0]]}");
        assertEquals(1, Calibration.fromJson(one, g).samples().size());
        assertArrayEquals(new float[] {0.5f, -1f, 2f}, Calibration.fromJson(one, g).samples().get(0).get("x").floats());
        Path many = dir.resolve("many.json");
        Files.writeString(many, "{\"samples\": [{\"x\": [[1, 2, 3]]}, {\"x\": [[4, 5, 6]]}]}");
        assertEquals(2, Calibration.fromJson(many, g).samples().size());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"x\": [[1, 2]]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Calibration.fromJson(bad, g));
        assertTrue(e.getMessage().contains("bad.json: 'x'") && e.getMessage().contains("[1, 3]"), e.getMessage());
        float[] grid = Calibration.fromRanges(g, Map.of("x", new float[] {0, 4}), 5).samples().get(4).get("x")
                .floats();
        for (float v : grid) {
            assertTrue(v >= 0 && v <= 4, "Halton point in range: " + v);
        }
        assertArrayEquals(grid, Calibration.fromRanges(g, Map.of("x", new float[] {0, 4}), 5).samples().get(4)
                .get("x").floats(), "the grid is deterministic");
    }
}
