package io.zkinfer.inference.realmodels;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.inference.exec.ConstantFolding;
import io.zkinfer.inference.exec.FloatExecutor;
import io.zkinfer.inference.exec.ShapeInference;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.ort.OnnxRuntimeRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models exported by other tools ({@link RealModel}) import, pass shape inference, and run in the float executor
 * in agreement with ONNX Runtime: normwise relative error {@code max|ours - ort| / max|ort|} at most 1e-4 on
 * seeded synthetic pages of text ({@link RealModel#sampleInput}); shape inference, run after constant folding as
 * the quantizer runs it, must find the output shapes that ONNX Runtime produces, and the folded graph must agree
 * too.
 */
class RealModelsFloatTest {

    private static final double TOLERANCE = 1e-4;
    private static final int SAMPLES = 2;

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.zkinfer.inference.realmodels.RealModel#ALL")
    void importsAndRunsLikeOnnxRuntime(RealModel model) throws Exception {
        Path path = model.assumePath();
        byte[] bytes = Files.readAllBytes(path);
        Graph graph = model.withStaticInput(new OnnxImporter().importModel(bytes));
        Graph folded = ConstantFolding.fold(graph);
        Map<String, Shape> shapes = ShapeInference.infer(folded);
        System.out.printf("%s: %d bytes, opset %d, %d nodes, operators %s%n", model.label(), bytes.length,
                graph.opset(), graph.nodes().size(), RealModel.operatorCounts(graph));
        long seed = TestRandom.seed("RealModelsFloatTest." + model.label());
        Random random = new Random(seed);
        FloatExecutor executor = new FloatExecutor(graph);
        FloatExecutor foldedExecutor = new FloatExecutor(folded);
        try (OnnxRuntimeRunner ort = new OnnxRuntimeRunner(bytes)) {
            for (int s = 0; s < SAMPLES; s++) {
                Map<String, Tensor> input = model.sampleInput(graph, random);
                Map<String, Tensor> want = ort.run(input);
                Map<String, Tensor> got = executor.run(input);
                for (TensorInfo out : graph.outputs()) {
                    assertArrayEquals(want.get(out.name()).shape(), got.get(out.name()).shape(), out.name());
                    assertArrayEquals(want.get(out.name()).shape(), shapes.get(out.name()).sizes(),
                            "inferred shape of " + out.name());
                }
                double error = RealModel.relativeError(got, want);
                double foldedError = RealModel.relativeError(foldedExecutor.run(input), want);
                System.out.printf("%s sample %d (seed %d): output %s, max|ort| %.4g, float executor vs ONNX Runtime"
                        + " normwise relative error %.3g (%.3g after constant folding)%n", model.label(), s, seed,
                        Arrays.toString(want.values().iterator().next().shape()), maxAbs(want), error, foldedError);
                assertTrue(error <= TOLERANCE && foldedError <= TOLERANCE, model.label() + ": relative error "
                        + Math.max(error, foldedError) + " > " + TOLERANCE + " (seed " + seed + ")");
            }
        }
    }

    private static double maxAbs(Map<String, Tensor> outputs) {
        double m = 0;
        for (Tensor t : outputs.values()) {
            for (float f : t.floats()) {
                m = Math.max(m, Math.abs(f));
            }
        }
        return m;
    }
}
