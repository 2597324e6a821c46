package io.zkinfer.circuits.gadgets;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.hash.Poseidon;
import io.zkinfer.algebra.hash.PoseidonParameters;
import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertRejected;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertSatisfied;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.shifted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Poseidon gadget against the native hash, for every circomlib width. */
class PoseidonHashTest {

    @Test
    void equalsTheNativeHashAndCostsWhatItSaysForEveryWidth() {
        Random rnd = TestRandom.forTest(PoseidonHashTest.class);
        for (int t = PoseidonParameters.MIN_WIDTH; t <= PoseidonParameters.MAX_WIDTH; t++) {
            int n = t - 1;
            Fr[] xs = new Fr[n];
            CircuitBuilder b = new CircuitBuilder();
            Signal[] in = new Signal[n];
            for (int i = 0; i < n; i++) {
                xs[i] = Fr.random(rnd);
                in[i] = b.privateInput("x" + i, xs[i]);
            }
            Signal h = PoseidonHash.hash(b, in);
            assertEquals(Poseidon.hash(xs), h.value(), "t = " + t);
            PoseidonParameters p = PoseidonParameters.forWidth(t);
            long cost = 3L * (t * p.fullRounds() + p.partialRounds()) - 3;
            assertEquals(cost, b.numConstraints(), "t = " + t);
            Signal out = b.publicOutput("h", h);
            Circuit c = b.build();
            assertEquals(cost + 1, c.numConstraints(), "t = " + t);
            assertSatisfied(c);
            assertRejected(c, shifted(c, out, 1));
        }
    }

    @Test
    void aWitnessOnlyBuildGivesTheFullBuildsWitness() {
        Random rnd = TestRandom.forTest(PoseidonHashTest.class);
        for (int t = PoseidonParameters.MIN_WIDTH; t <= PoseidonParameters.MAX_WIDTH; t++) {
            Fr[] xs = new Fr[t - 1];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = Fr.random(rnd);
            }
            Circuit full = hashCircuit(new CircuitBuilder(), xs).build();
            CircuitBuilder witnessOnly = CircuitBuilder.witnessOnly();
            hashCircuit(witnessOnly, xs);
            assertEquals(full.numConstraints(), witnessOnly.numConstraints(), "t = " + t);
            assertEquals(full.witness(), witnessOnly.witness(), "t = " + t);
        }
    }

    /** Two hashes, the second of a constant and the first's output, as a public output. */
    private static CircuitBuilder hashCircuit(CircuitBuilder b, Fr[] xs) {
        Signal[] in = new Signal[xs.length];
        for (int i = 0; i < xs.length; i++) {
            in[i] = b.privateInput("x" + i, xs[i]);
        }
        Signal h = PoseidonHash.hash(b, in);
        b.publicOutput("h", PoseidonHash.hash(b, b.constant(Fr.of(3)), h));
        return b;
    }

    @Test
    void refusesNoInputsAndMoreThanSixteen() {
        CircuitBuilder b = new CircuitBuilder();
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> PoseidonHash.hash(b));
        assertTrue(none.getMessage().contains("1 to 16 inputs"), none.getMessage());
        Signal[] many = new Signal[17];
        for (int i = 0; i < many.length; i++) {
            many[i] = b.privateInput("x" + i, i);
        }
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> PoseidonHash.hash(b, many));
        assertTrue(tooMany.getMessage().contains("got 17"), tooMany.getMessage());
    }
}
