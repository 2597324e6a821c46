package io.zkinfer.inference.quant;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.inference.exec.FloatExecutor;
import io.zkinfer.inference.exec.PrequantizedLowering;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.testing.OperatorFixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every model of the committed per-operator corpus (operators/*.onnx, pre-quantized forms included), quantized at
 * 8 and 16 bits, calibrated on its committed sample and further samples from the same ranges, must agree with the
 * float executor within the tolerance of {@link QuantizedOperatorTest} (4 LSB of the output scale). The reference is
 * the float graph the quantizer starts from: for a pre-quantized model that is {@link PrequantizedLowering}'s float
 * rewrite, whose distance to the original (the original's own rounding) is that pass's documented approximation.
 */
class CommittedFixtureQuantizationTest {

    @Test
    void everyCommittedOperatorFixtureQuantizesWithinTolerance() {
        long seed = TestRandom.seed(getClass().getSimpleName());
        System.out.println("CommittedFixtureQuantizationTest seed " + seed);
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (String op : OperatorFixtures.operators()) {
            OperatorFixtures.Fixture f = OperatorFixtures.load(op);
            Graph g = f.graph();
            List<Map<String, Tensor>> samples = new ArrayList<>(List.of(f.input()));
            for (int i = 0; i < 5; i++) {
                samples.add(OperatorFixtures.sample(op, random));
            }
            for (int bits : new int[] {8, 16}) {
                QuantizedModel q = Quantizer.quantize(g, new Calibration(samples, "fixture samples"),
                        QuantOptions.DEFAULT.withBits(bits));
                double worst = 0;
                double limit = 0;
                for (Map<String, Tensor> sample : samples) {
                    Map<String, Tensor> want = new FloatExecutor(PrequantizedLowering.lower(g)).run(sample);
                    Map<String, Tensor> got = new IntegerExecutor(q).run(sample);
                    for (var e : want.entrySet()) {
                        int s = q.settings().tensor(e.getKey()).orElseThrow().scaleBits();
                        limit = (bits == 8 ? QuantizedOperatorTest.LSBS_8 : QuantizedOperatorTest.LSBS_16)
                                * Math.scalb(1.0, -s);
                        float[] w = e.getValue().floats();
                        float[] o = got.get(e.getKey()).floats();
                        for (int i = 0; i < w.length; i++) {
                            worst = Math.max(worst, Math.abs(w[i] - o[i]));
                        }
                    }
                }
                System.out.printf("fixture %-18s %2d bits: max |error| %.3g (limit %.3g)%n", op, bits, worst, limit);
                if (!(worst <= limit)) {
                    failures.add(op + "@" + bits + ": " + worst + " > " + limit);
                }
            }
        }
        assertTrue(failures.isEmpty(), "outside tolerance: " + failures);
    }
}
