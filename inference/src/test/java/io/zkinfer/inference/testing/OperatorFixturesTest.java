package io.zkinfer.inference.testing;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.zkinfer.inference.exec.FloatExecutor;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.ort.OnnxRuntimeRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed per-operator corpus ({@link OperatorFixtures}): complete (a fixture for every operator in
 * {@link OnnxImporter#SUPPORTED_OPERATORS}), reproducible (each file equals what the generator produces now), and
 * each model runs in {@link FloatExecutor} with a normwise relative error {@code max|ours - ort| / max|ort|} of at
 * most 1e-4 against ONNX Runtime on its sample input.
 */
class OperatorFixturesTest {

    static final double FLOAT_TOLERANCE = 1e-4;
    private static final Path SOURCE_DIR = Path.of("src/test/resources", OperatorFixtures.RESOURCE_DIR);

    @BeforeAll
    static void regenerateWhenAsked() throws IOException {
        if (Boolean.getBoolean("zkinfer.fixtures.regenerate")) {
            OperatorFixtures.write(SOURCE_DIR);
            System.out.println("regenerated the operator fixtures in " + SOURCE_DIR.toAbsolutePath()
                    + "; rerun the build so the test classpath holds them");
        }
    }

    @Test
    void everySupportedOperatorHasAFixture() {
        Set<String> missing = new TreeSet<>(OnnxImporter.SUPPORTED_OPERATORS);
        missing.removeAll(OperatorFixtures.operators());
        assertTrue(missing.isEmpty(), "operators without a fixture model: " + missing
                + " (add them to OperatorFixtureModels and regenerate)");
        assertEquals(new TreeSet<>(OperatorFixtures.definedOperators()), new TreeSet<>(OperatorFixtures.operators()),
                "the index lists other operators than the definitions; regenerate the corpus");
    }

    @Test
    void committedFilesAreWhatTheGeneratorProduces() throws IOException {
        for (String op : OperatorFixtures.definedOperators()) {
            OperatorFixtures.Fixture committed = OperatorFixtures.load(op);
            OperatorFixtures.Fixture now = OperatorFixtures.generate(op);
            assertArrayEquals(now.model(), committed.model(), op + ".onnx differs from its definition; regenerate");
            assertEquals(OperatorFixtures.inputJson(now), OperatorFixtures.inputJson(committed),
                    op + ".json differs from its definition; regenerate");
        }
        if (Files.isDirectory(SOURCE_DIR)) { // no stray files beside the indexed ones
            Set<String> expected = OperatorFixtures.operators().stream()
                    .flatMap(op -> Stream.of(op + ".onnx", op + ".json")).collect(Collectors.toCollection(TreeSet::new));
            expected.add(OperatorFixtures.INDEX);
            try (Stream<Path> files = Files.list(SOURCE_DIR)) {
                assertEquals(expected, files.map(p -> p.getFileName().toString())
                        .collect(Collectors.toCollection(TreeSet::new)));
            }
            for (String op : OperatorFixtures.operators()) {
                assertEquals(OperatorFixtures.inputJson(OperatorFixtures.generate(op)),
                        Files.readString(SOURCE_DIR.resolve(op + ".json"), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void eachFixtureContainsItsOperatorAndMatchesOnnxRuntimeInFloat() throws Exception {
        for (OperatorFixtures.Fixture f : OperatorFixtures.loadAll()) {
            Set<String> ops = ModelProto.parseFrom(f.model()).getGraph().getNodeList().stream()
                    .map(NodeProto::getOpType).collect(Collectors.toSet());
            assertTrue(ops.contains(f.operator()), f.operator() + " fixture has only " + ops);
            Map<String, Tensor> ours = new FloatExecutor(f.graph()).run(f.input());
            Map<String, Tensor> theirs;
            try (OnnxRuntimeRunner ort = new OnnxRuntimeRunner(f.model())) {
                theirs = ort.run(f.input());
            }
            assertEquals(theirs.keySet(), ours.keySet(), f.operator());
            for (var e : theirs.entrySet()) {
                assertArrayEquals(e.getValue().shape(), ours.get(e.getKey()).shape(), f.operator() + " shape");
                double rel = relativeError(ours.get(e.getKey()), e.getValue());
                assertTrue(rel <= FLOAT_TOLERANCE, f.operator() + ": float relative error " + rel);
            }
        }
    }

    /** {@code max|a - ref| / max|ref|} (the absolute error when the reference is all zero). */
    static double relativeError(Tensor a, Tensor ref) {
        float[] x = a.floats();
        float[] y = ref.floats();
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < y.length; i++) {
            diff = Math.max(diff, Math.abs(x[i] - y[i]));
            norm = Math.max(norm, Math.abs(y[i]));
        }
        return norm == 0 ? diff : diff / norm;
    }
}
