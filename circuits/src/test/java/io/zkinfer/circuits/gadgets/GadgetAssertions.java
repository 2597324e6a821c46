package io.zkinfer.circuits.gadgets;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.SignedEncoding;
import io.zkinfer.circuits.builder.Signal;
import io.zkinfer.circuits.r1cs.CheckResult;
import io.zkinfer.circuits.r1cs.Witness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Satisfaction and negative-twin assertions shared by the gadget tests. */
final class GadgetAssertions {

    private GadgetAssertions() {
    }

    static void assertSatisfied(Circuit c) {
        CheckResult r = c.check();
        assertTrue(r.isSatisfied(), r.message());
    }

    static void assertRejected(Circuit c) {
        assertRejected(c, c.witness());
    }

    static void assertRejected(Circuit c, Witness w) {
        CheckResult r = c.check(w);
        assertFalse(r.isSatisfied(), "a tampered witness was accepted");
    }

    /** The circuit's witness with {@code s}'s wire set to the signed integer {@code value}. */
    static Witness tampered(Circuit c, Signal s, long value) {
        Fr[] v = c.witness().values();
        v[c.wireOf(s)] = SignedEncoding.encode(value);
        return Witness.of(v);
    }

    /** The circuit's witness with {@code s}'s wire moved by {@code delta}. */
    static Witness shifted(Circuit c, Signal s, long delta) {
        Fr[] v = c.witness().values();
        int w = c.wireOf(s);
        v[w] = v[w].add(SignedEncoding.encode(delta));
        return Witness.of(v);
    }
}
