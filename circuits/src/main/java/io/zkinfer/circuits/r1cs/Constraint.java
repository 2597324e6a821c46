package io.zkinfer.circuits.r1cs;

import io.zkinfer.algebra.field.Fr;

import java.util.Objects;

/**
 * One rank-1 constraint ⟨a, w⟩ · ⟨b, w⟩ = ⟨c, w⟩ over the witness vector w.
 *
 * @param a left factor
 * @param b right factor
 * @param c product
 */
public record Constraint(LinearCombination a, LinearCombination b, LinearCombination c) {

    public Constraint {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(c, "c");
    }

    /** Whether ⟨a,w⟩·⟨b,w⟩ − ⟨c,w⟩ = 0 for this witness. */
    public boolean isSatisfiedBy(Fr[] witness) {
        return a.evaluate(witness).mul(b.evaluate(witness)).equals(c.evaluate(witness));
    }

    /** The largest wire index used by a, b or c, or -1 when all three are empty. */
    public int maxWire() {
        return Math.max(a.maxWire(), Math.max(b.maxWire(), c.maxWire()));
    }
}
