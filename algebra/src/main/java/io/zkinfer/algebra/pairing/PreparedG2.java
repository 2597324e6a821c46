package io.zkinfer.algebra.pairing;

import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq2;

import java.util.Objects;

/**
 * A G2 point with the G2 half of the Miller loop done: the coefficients of all its line functions, which do not
 * depend on the G1 argument. Preparing once and pairing many times (a verifying key's −γ and −δ, for example)
 * saves the twist arithmetic of every later pairing. Immutable.
 */
public final class PreparedG2 {

    private final G2Affine point;
    private final Fq2[] lines;

    private PreparedG2(G2Affine point, Fq2[] lines) {
        this.point = point;
        this.lines = lines;
    }

    /** Prepares q (which the caller has validated, as {@link G2Affine#of} does). */
    public static PreparedG2 of(G2Affine q) {
        Objects.requireNonNull(q, "q");
        return new PreparedG2(q, q.isInfinity() ? null : MillerLoop.prepare(q));
    }

    /** The prepared point. */
    public G2Affine point() {
        return point;
    }

    /** Whether the prepared point is the point at infinity (its pairings are 1). */
    public boolean isInfinity() {
        return point.isInfinity();
    }

    /** The flattened line coefficients; shared, never modified. */
    Fq2[] lines() {
        return lines;
    }
}
