package io.zkinfer.circuits.compile;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.testing.OperatorFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.zkinfer.circuits.compile.CompilerAssertions.assertAgrees;
import static io.zkinfer.circuits.compile.CompilerAssertions.assertRuns;
import static io.zkinfer.circuits.compile.CompilerAssertions.integers;
import static io.zkinfer.circuits.compile.CompilerAssertions.quantize;
import static io.zkinfer.circuits.compile.CompilerAssertions.randomIntegers;

/**
 * Every model of the committed operator corpus ({@link OperatorFixtures}), quantized at 8 and 16 bits as the
 * inference tests quantize it, compiles; on its sample input, on further samples from its ranges and on uniformly
 * random integers over the whole activation range, the circuit is satisfied, its outputs equal the integer
 * executor's bit for bit, and its constraint system equals the one compiled from zeros (the sample is compiled in
 * full, the other inputs are witness-only runs checked against that constraint system).
 */
class OperatorCompilationTest {

    private static final int CALIBRATION_SAMPLES = 6;
    private static Random random;

    @BeforeAll
    static void setUp() {
        long seed = TestRandom.seed(OperatorCompilationTest.class.getSimpleName());
        System.out.println("OperatorCompilationTest seed " + seed);
        random = new Random(seed);
    }

    @Test
    void everyFixtureCompilesAndAgreesWithTheExecutorBitForBit() {
        for (OperatorFixtures.Fixture f : OperatorFixtures.loadAll()) {
            Graph graph = f.graph();
            List<Map<String, Tensor>> samples = new ArrayList<>(List.of(f.input()));
            for (int i = 1; i < CALIBRATION_SAMPLES; i++) {
                samples.add(OperatorFixtures.sample(f.operator(), random));
            }
            for (int bits : new int[] {8, 16}) {
                QuantizedModel q = quantize(graph, samples, bits);
                ModelCompiler c = new ModelCompiler(q, VisibilityOptions.DEFAULT);
                Circuit zeros = c.compile();
                List<Map<String, Tensor>> inputs = new ArrayList<>();
                inputs.add(integers(q, f.input()));
                inputs.add(integers(q, OperatorFixtures.sample(f.operator(), random)));
                inputs.add(randomIntegers(q, f.input(), random));
                inputs.add(randomIntegers(q, f.input(), random));
                assertAgrees(f.operator() + " at " + bits + " bits, sample", c, inputs.get(0), zeros);
                for (int i = 1; i < inputs.size(); i++) {
                    assertRuns(f.operator() + " at " + bits + " bits, input " + i, c, inputs.get(i), zeros);
                }
                System.out.printf("%-18s %2d bits: %6d constraints, %6d wires%n", f.operator(), bits,
                        zeros.numConstraints(), zeros.r1cs().numWires());
            }
        }
    }
}
