package io.zkinfer.inference.mnist;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.inference.exec.FloatExecutor;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.ort.OnnxRuntimeRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed MNIST models: their structure, ONNX Runtime against {@link FloatExecutor} on a few digits
 * (normwise relative error at most 1e-4), and their top-1 accuracy under ONNX Runtime over all committed
 * held-out digits (at least 96% for the MLP, 97.5% for the CNN).
 */
class MnistModelsTest {

    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @EnumSource(MnistFixtures.Model.class)
    void modelIsASmallOpset13GraphOfTheExpectedOperators(MnistFixtures.Model model) throws Exception {
        Graph g = new OnnxImporter().importModel(model.path());
        assertEquals(13, g.opset());
        assertEquals(1, g.inputs().size());
        assertEquals(MnistFixtures.INPUT, g.inputs().get(0).name());
        assertEquals(Shape.of(model.inputShape()), g.inputs().get(0).shape());
        assertEquals(MnistFixtures.OUTPUT, g.outputs().get(0).name());
        assertEquals(Shape.of(1, 10), g.outputs().get(0).shape());
        Set<String> ops = new TreeSet<>();
        for (Node n : g.nodes()) {
            ops.add(n.opType());
        }
        Set<String> expected = model == MnistFixtures.Model.MLP ? Set.of("Gemm", "Relu")
                : Set.of("Conv", "Relu", "MaxPool", "Flatten", "Gemm");
        assertEquals(new TreeSet<>(expected), ops);
        assertTrue(Files.size(model.path()) < 1 << 20, model + " should stay under 1 MiB");
    }

    @ParameterizedTest
    @EnumSource(MnistFixtures.Model.class)
    void onnxRuntimeAgreesWithTheFloatExecutor(MnistFixtures.Model model) throws Exception {
        long seed = TestRandom.seed(getClass().getSimpleName() + "." + model);
        Random random = new Random(seed);
        Graph g = new OnnxImporter().importModel(model.path());
        FloatExecutor ours = new FloatExecutor(g);
        try (OnnxRuntimeRunner ort = new OnnxRuntimeRunner(Files.readAllBytes(model.path()))) {
            for (int k = 0; k < 5; k++) {
                int i = random.nextInt(MnistFixtures.digits().count());
                float[] expected = ort.run(model.feed(i)).get(MnistFixtures.OUTPUT).floats();
                Tensor actual = ours.run(model.feed(i)).get(MnistFixtures.OUTPUT);
                assertArrayEquals(new long[] {1, 10}, actual.shape());
                double maxDiff = 0;
                double maxRef = 0;
                for (int c = 0; c < expected.length; c++) {
                    maxDiff = Math.max(maxDiff, Math.abs(actual.floats()[c] - expected[c]));
                    maxRef = Math.max(maxRef, Math.abs(expected[c]));
                }
                assertTrue(maxDiff <= TOLERANCE * maxRef, model + " digit " + i + " (seed " + seed
                        + "): relative error " + maxDiff / maxRef);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MnistFixtures.Model.class)
    void heldOutAccuracyUnderOnnxRuntime(MnistFixtures.Model model) throws Exception {
        MnistDigits digits = MnistFixtures.digits();
        int correct = 0;
        try (OnnxRuntimeRunner ort = new OnnxRuntimeRunner(Files.readAllBytes(model.path()))) {
            for (int i = 0; i < digits.count(); i++) {
                float[] logits = ort.run(model.feed(i)).get(MnistFixtures.OUTPUT).floats();
                correct += MnistTrainer.argmax(logits) == digits.label(i) ? 1 : 0;
            }
        }
        double accuracy = (double) correct / digits.count();
        double required = model == MnistFixtures.Model.MLP ? 0.96 : 0.975;
        System.out.printf("MNIST %s: float top-1 %.2f%% (%d of %d held-out digits, ONNX Runtime)%n", model,
                100 * accuracy, correct, digits.count());
        assertTrue(accuracy >= required, model + " top-1 " + accuracy + " is below " + required);
    }
}
