package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.ScopeStatistics;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.mnist.MnistFixtures;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.quant.Calibration;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.quant.Quantizer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class MnistCompilationTest {

    static QuantizedModel quantized(MnistFixtures.Model m) throws Exception {
        Graph g = new OnnxImporter().importModel(m.path());
        List<Map<String, Tensor>> cal = m.feeds(1100).subList(1000, 1100);
        return Quantizer.quantize(g, new Calibration(cal, "held-out digits 1000-1099"), QuantOptions.DEFAULT);
    }

    @Test
    void dense() throws Exception {
        java.util.Random r = new java.util.Random(1);
        io.zkinfer.inference.testing.OnnxFixture f = new io.zkinfer.inference.testing.OnnxFixture().input("x", 1, 1024)
            .randomFloats("w1", r, 1024, 1024).randomFloats("b1", r, 1024)
            .randomFloats("w2", r, 1024, 16).randomFloats("b2", r, 16)
            .node("Gemm", "fc1", new String[] {"x", "w1", "b1"}, new String[] {"h"})
            .node("Relu", "relu", "h", "hr")
            .node("Gemm", "fc2", new String[] {"hr", "w2", "b2"}, new String[] {"y"}).output("y", 2);
        Graph g = new OnnxImporter().importModel(f.bytes());
        List<Map<String, Tensor>> cal = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) cal.add(Map.of("x", Tensor.ofFloats(new long[] {1, 1024}, io.zkinfer.inference.testing.OnnxFixture.random(r, 1, 1024))));
        QuantizedModel q = Quantizer.quantize(g, new Calibration(cal, "r"), QuantOptions.DEFAULT);
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            ModelCompiler c = new ModelCompiler(q, VisibilityOptions.DEFAULT);
            long t1 = System.nanoTime();
            Circuit circuit = c.compile();
            long t2 = System.nanoTime();
            CompiledRun run = c.run(CompilerAssertions.integers(q, cal.get(0)));
            long t3 = System.nanoTime();
            System.out.printf("dense 1M: prepare %.1f ms, compile %.1f ms, run %.1f ms, %d constraints%n",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, circuit.numConstraints());
        }
    }

    @Test
    void timing() throws Exception {
        jdk.jfr.Recording rec = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        rec.start();
        for (MnistFixtures.Model m : MnistFixtures.Model.values()) {
            QuantizedModel q = quantized(m);
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                ModelCompiler c = new ModelCompiler(q, VisibilityOptions.DEFAULT);
                long t1 = System.nanoTime();
                Circuit circuit = c.compile();
                long t2 = System.nanoTime();
                Map<String, Tensor> in = CompilerAssertions.integers(q, m.feed(0));
                CompiledRun run = c.run(in);
                long t3 = System.nanoTime();
                System.out.printf("%s: prepare %.1f ms, compile %.1f ms, run %.1f ms, %d constraints%n", m,
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, circuit.numConstraints());
                if (rep == 2 && m == MnistFixtures.Model.CNN) {
                    rec.stop();
                    rec.dump(java.nio.file.Path.of("/tmp/jfr/cnn.jfr"));
                }
                if (rep == 2) {
                    for (ScopeStatistics st : circuit.statistics()) {
                        System.out.println("   " + st);
                    }
                }
            }
        }
    }
}
