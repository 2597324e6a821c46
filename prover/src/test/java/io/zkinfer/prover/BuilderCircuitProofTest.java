package io.zkinfer.prover;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Scope;
import io.zkinfer.circuits.builder.Signal;
import io.zkinfer.circuits.gadgets.Interval;
import io.zkinfer.circuits.gadgets.Lookup;
import io.zkinfer.circuits.gadgets.Maximum;
import io.zkinfer.circuits.gadgets.Rescale;
import io.zkinfer.verifier.Groth16Verifier;
import io.zkinfer.verifier.PreparedVerifyingKey;
import io.zkinfer.verifier.Proof;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A circuit made with the builder and its gadgets proves and verifies unchanged, and its negative twin fails. */
class BuilderCircuitProofTest {

    private static final long[] WEIGHTS = {3, -7, 12, 5};
    private static final long BIAS = -40;

    /** A neuron: public 8-bit inputs, fixed weights, Rescale to 8 bits, ReLU, then a table; public output. */
    private static Circuit neuron(long[] xs) {
        CircuitBuilder b = new CircuitBuilder();
        Signal[] in = new Signal[xs.length];
        for (int i = 0; i < xs.length; i++) {
            in[i] = b.publicInput("x" + i, xs[i]);
        }
        Signal y;
        try (Scope s = b.scope("dense")) {
            Signal acc = b.add(b.linear(in, WEIGHTS), BIAS); // free: the weights are constants
            y = Rescale.rescale(b, acc, Interval.magnitude(27 * 128 + 40), 1, 16, -128, 127);
        }
        try (Scope s = b.scope("relu")) {
            y = Maximum.relu(b, y, 8);
        }
        long[] square = new long[256];
        for (int i = 0; i < 256; i++) {
            square[i] = (long) (i - 128) * (i - 128) / 128;
        }
        try (Scope s = b.scope("table")) {
            y = Lookup.lookup(b, y, square, 128);
        }
        b.publicOutput("y", y);
        return b.build();
    }

    @Test
    void aBuiltCircuitProvesAndVerifiesAndAChangedOutputFails() {
        Circuit setupShape = neuron(new long[] {0, 0, 0, 0});
        ProvingKey key = Groth16Setup.generate(setupShape.r1cs(), ProverFixtures.seeded(5));
        Circuit c = neuron(new long[] {100, -20, 90, 7}); // another input: the same constraint system
        assertEquals(setupShape.r1cs(), c.r1cs());
        assertTrue(c.check().isSatisfied(), c.check().message());
        // acc = 300 + 140 + 1080 + 35 − 40 = 1515; roundDiv(1515, 16) = 95; ReLU keeps it; 95²/128 = 70
        assertEquals(Fr.of(70), c.witness().get(1));
        assertEquals(c.statistics("").totalConstraints(), c.numConstraints());

        Proof proof = Groth16Prover.prove(key, c.r1cs(), c.witness(), new SecureRandom());
        PreparedVerifyingKey pvk = PreparedVerifyingKey.of(key.verifyingKey());
        List<Fr> pub = c.witness().publicSignals(c.r1cs().numPublic());
        assertTrue(Groth16Verifier.verify(pvk, pub, proof));
        List<Fr> changed = new ArrayList<>(pub);
        changed.set(0, changed.get(0).add(Fr.ONE));
        assertFalse(Groth16Verifier.verify(pvk, changed, proof));
    }
}
