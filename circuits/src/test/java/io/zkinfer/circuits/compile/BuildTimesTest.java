package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.mnist.MnistFixtures;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.testing.OnnxFixture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.zkinfer.circuits.compile.CompilerAssertions.integers;
import static io.zkinfer.circuits.compile.CompilerAssertions.quantize;

/**
 * Prints (never asserts: timings belong to benchmarks) how long the compiler takes, best of three, for the MNIST MLP
 * and CNN and a dense model of about a million parameters (1024-1024-16): preparing a {@link ModelCompiler}, a full
 * {@link ModelCompiler#compile()} and a witness-only {@link ModelCompiler#run}.
 */
class BuildTimesTest {

    @Test
    void printBuildTimes() {
        for (MnistFixtures.Model m : MnistFixtures.Model.values()) {
            QuantizedModel q = MnistCompilationTest.quantized(m);
            time("MNIST " + m, q, integers(q, m.feed(0)));
        }
        Random r = new Random(1);
        OnnxFixture dense = new OnnxFixture().input("x", 1, 1024)
                .randomFloats("w1", r, 1024, 1024).randomFloats("b1", r, 1024)
                .randomFloats("w2", r, 1024, 16).randomFloats("b2", r, 16)
                .node("Gemm", "fc1", new String[] {"x", "w1", "b1"}, new String[] {"h"})
                .node("Relu", "relu", "h", "hr")
                .node("Gemm", "fc2", new String[] {"hr", "w2", "b2"}, new String[] {"y"}).output("y", 2);
        Graph g = new OnnxImporter().importModel(dense.bytes());
        List<Map<String, Tensor>> samples = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            samples.add(Map.of("x", Tensor.ofFloats(new long[] {1, 1024}, OnnxFixture.random(r, 1, 1024))));
        }
        QuantizedModel q = quantize(g, samples, 8);
        time("dense 1024-1024-16 (1.07M parameters)", q, integers(q, samples.get(0)));
    }

    private static void time(String what, QuantizedModel q, Map<String, Tensor> input) {
        double prepare = Double.MAX_VALUE;
        double compile = Double.MAX_VALUE;
        double run = Double.MAX_VALUE;
        int constraints = 0;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            ModelCompiler c = new ModelCompiler(q, VisibilityOptions.DEFAULT);
            long t1 = System.nanoTime();
            Circuit circuit = c.compile();
            long t2 = System.nanoTime();
            c.run(input);
            long t3 = System.nanoTime();
            prepare = Math.min(prepare, (t1 - t0) / 1e6);
            compile = Math.min(compile, (t2 - t1) / 1e6);
            run = Math.min(run, (t3 - t2) / 1e6);
            constraints = circuit.numConstraints();
        }
        System.out.printf("%s: %d constraints; new ModelCompiler %.0f ms, compile() %.0f ms, run() %.0f ms"
                + " (best of 3)%n", what, constraints, prepare, compile, run);
    }
}
