package io.zkinfer.circuits.compile;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.HintRewriter;
import io.zkinfer.circuits.r1cs.CheckResult;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.mnist.MnistFixtures;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.testing.OperatorFixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.zkinfer.circuits.compile.CompilerAssertions.integers;
import static io.zkinfer.circuits.compile.CompilerAssertions.quantize;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Negative twins: a witness with one value changed — an output, a public input, a commitment, a hashed weight, or a
 * hint inside a node (a Rescale's remainder, a MaxPool comparison) — fails the satisfaction check, and the failure
 * names the scope of the broken constraint. Each starts from an honest witness that passes.
 */
class TamperedWitnessTest {

    @Test
    void aChangedOutputOrPublicInputFailsInItsScope() {
        QuantizedModel q = MnistCompilationTest.quantized(MnistFixtures.Model.MLP);
        ModelCompiler c = new ModelCompiler(q, VisibilityOptions.DEFAULT);
        Circuit circuit = c.compile(integers(q, MnistFixtures.Model.MLP.feed(3)));
        assertTrue(circuit.check().isSatisfied(), circuit.check().message());
        assertFails(circuit, shifted(circuit.witness(), 1), "output");
        int firstInput = c.publicLayout().offset(c.publicLayout().entries().get(1)) + 1;
        assertFails(circuit, shifted(circuit.witness(), firstInput + 400), "input");
    }

    @Test
    void aForgedRemainderOrComparisonFailsInItsNode() {
        QuantizedModel q = MnistCompilationTest.quantized(MnistFixtures.Model.CNN);
        ModelCompiler c = new ModelCompiler(q, VisibilityOptions.DEFAULT);
        Map<String, Tensor> digit = integers(q, MnistFixtures.Model.CNN.feed(5));
        assertTrue(c.compile(digit).check().isSatisfied());
        assertFails(c.compile(digit, flip("conv2_Rescale", "r.bit0")), "conv2_Rescale");
        assertFails(c.compile(digit, flip("pool1_MaxPool", "bit3")), "pool1_MaxPool");
    }

    @Test
    void aChangedCommitmentOrHashedWeightFails() {
        OperatorFixtures.Fixture f = OperatorFixtures.load("Gemm");
        QuantizedModel q = quantize(f.graph(), List.of(f.input()), 8);
        ModelCompiler c = new ModelCompiler(q, new VisibilityOptions(Visibility.HASHED, Visibility.HASHED,
                Visibility.HASHED));
        Circuit circuit = c.compile(integers(q, f.input()));
        assertTrue(circuit.check().isSatisfied(), circuit.check().message());
        for (int signal = 1; signal <= 3; signal++) { // output, input and weights commitments
            assertFails(circuit, shifted(circuit.witness(), signal), "commit");
        }
        int firstWeight = circuit.r1cs().numPublic() + 1 + 15; // after the 15 private input values
        CheckResult r = circuit.check(shifted(circuit.witness(), firstWeight));
        assertFalse(r.isSatisfied(), "a changed hashed weight was accepted");
    }

    private static void assertFails(Circuit c, Witness w, String scope) {
        CheckResult r = c.check(w);
        assertFalse(r.isSatisfied(), "a tampered witness was accepted");
        assertTrue(r.message().contains("in scope '" + scope + "'"), r.message());
    }

    private static void assertFails(Circuit c, String scope) {
        assertFails(c, c.witness(), scope);
    }

    private static Witness shifted(Witness w, int wire) {
        Fr[] v = w.values();
        v[wire] = v[wire].add(Fr.ONE);
        return Witness.of(v);
    }

    /** Flips the first hint {@code role} made in scope {@code scope}. */
    private static HintRewriter flip(String scope, String role) {
        boolean[] done = {false};
        return (s, r, honest) -> {
            if (!done[0] && s.equals(scope) && r.equals(role)) {
                done[0] = true;
                return Fr.ONE.sub(honest);
            }
            return honest;
        };
    }
}
