package io.zkinfer.circuits.gadgets;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.HintRewriter;
import io.zkinfer.circuits.builder.SignedEncoding;
import io.zkinfer.circuits.builder.Signal;
import io.zkinfer.circuits.r1cs.CheckResult;
import io.zkinfer.circuits.r1cs.Witness;

import java.math.BigInteger;

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

    /**
     * A cheating prover that gives the hints {@code prefix0, prefix1, …} the bits of {@code value} instead of the
     * honest ones, and the hint {@code q} (when {@code q} is not null) the value q.
     */
    static HintRewriter cheat(String prefix, BigInteger value, BigInteger q) {
        return (scope, role, honest) -> {
            if (role.startsWith(prefix) && role.length() > prefix.length()
                    && Character.isDigit(role.charAt(prefix.length()))) {
                int bit = Integer.parseInt(role.substring(prefix.length()));
                return value.testBit(bit) ? Fr.ONE : Fr.ZERO;
            }
            return q != null && role.equals("q") ? SignedEncoding.encode(q) : honest;
        };
    }
}
