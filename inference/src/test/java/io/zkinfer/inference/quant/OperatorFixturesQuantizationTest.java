package io.zkinfer.inference.quant;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.inference.exec.FloatExecutor;
import io.zkinfer.inference.exec.PrequantizedLowering;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ort.OnnxRuntimeRunner;
import io.zkinfer.inference.testing.OperatorFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every model of the committed operator corpus ({@link OperatorFixtures}) quantizes at 8 and at 16 bits, and on each
 * calibration sample its {@link IntegerExecutor} output agrees with the {@link FloatExecutor} result within the
 * tolerance of docs/quantization.md ("Tolerance"): {@code max |int - float| <= T_b * 2^-s_out} with
 * {@code T_8 = T_16 = 4} output LSBs ({@link QuantizedOperatorTest#LSBS_8}), calibrated on the inputs it is checked on.
 * <p>The pre-quantized fixtures are also compared with ONNX Runtime on the <em>original</em> model: their float
 * reference is the lowered graph ({@link PrequantizedLowering}), which differs from the original by at most one
 * output step of the original (its output rounding; the inputs lie on its input grid) or by float rounding (1e-4
 * normwise) when the original's output is float, so the tolerance there is {@code T_b * 2^-s_out} plus that.
 * <p>Every fixture has a float output: the Shape fixture computes Reshape's target from Shape (folded to a constant
 * before quantization, as exporters' shape chains are), and Cast is float to float.
 */
class OperatorFixturesQuantizationTest {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorFixturesQuantizationTest.class);
    private static final int SAMPLES = 6;
    private static final double FLOAT_TOLERANCE = 1e-4;
    private static Random random;

    @BeforeAll
    static void setUp() {
        long seed = TestRandom.seed(OperatorFixturesQuantizationTest.class.getSimpleName());
        System.out.println("OperatorFixturesQuantizationTest seed " + seed);
        random = new Random(seed);
    }

    @Test
    void everyFixtureQuantizesAndItsIntegerOutputAgreesWithFloat() {
        for (OperatorFixtures.Fixture f : OperatorFixtures.loadAll()) {
            Graph graph = f.graph();
            List<Map<String, Tensor>> samples = new ArrayList<>(List.of(f.input()));
            for (int i = 1; i < SAMPLES; i++) {
                samples.add(OperatorFixtures.sample(f.operator(), random));
            }
            boolean prequantized = PrequantizedLowering.PREQUANTIZED_OPERATORS.contains(f.operator());
            FloatExecutor reference = new FloatExecutor(PrequantizedLowering.lower(graph));
            for (int bits : new int[] {8, 16}) {
                QuantizedModel q = Quantizer.quantize(graph, new Calibration(samples, "fixture samples"),
                        QuantOptions.DEFAULT.withBits(bits));
                double lsbs = bits == 8 ? QuantizedOperatorTest.LSBS_8 : QuantizedOperatorTest.LSBS_16;
                double worst = 0;
                try (OnnxRuntimeRunner ort = prequantized ? new OnnxRuntimeRunner(f.model()) : null) {
                    for (Map<String, Tensor> sample : samples) {
                        Map<String, Tensor> ours = new IntegerExecutor(q).run(sample);
                        Map<String, Tensor> floats = reference.run(sample);
                        Map<String, Tensor> original = prequantized ? ort.run(sample) : Map.of();
                        for (var e : floats.entrySet()) {
                            String what = f.operator() + " output '" + e.getKey() + "' at " + bits + " bits";
                            Tensor mine = ours.get(e.getKey());
                            assertArrayEquals(e.getValue().shape(), mine.shape(), what);
                            double lsb = Math.scalb(1.0, -q.settings().tensor(e.getKey()).orElseThrow().scaleBits());
                            double err = maxAbs(mine, e.getValue());
                            worst = Math.max(worst, err / lsb);
                            assertTrue(err <= lsbs * lsb, what + ": max |int - float| = " + err / lsb + " LSB > "
                                    + lsbs);
                            if (prequantized) {
                                Tensor theirs = original.get(e.getKey());
                                double lowering = f.outputStep() > 0 ? f.outputStep()
                                        : FLOAT_TOLERANCE * maxAbs(theirs, null);
                                double tol = lsbs * lsb + lowering;
                                double vsOrt = maxAbs(mine, theirs);
                                assertTrue(vsOrt <= tol, what + ": max |int - ONNX Runtime on the original| = " + vsOrt
                                        + " > " + tol);
                            }
                        }
                    }
                }
                LOG.info(String.format("%-18s %2d bits: max error %.2f LSB of the float result (limit %.0f)",
                        f.operator(), bits, worst, lsbs));
            }
        }
    }

    /** {@code max|a - b|}, or {@code max|a|} when {@code b} is null. */
    private static double maxAbs(Tensor a, Tensor b) {
        float[] x = a.floats();
        float[] y = b == null ? new float[x.length] : b.floats();
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }
}
