package io.zkinfer.algebra.curve;

import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fq2;

import java.util.Objects;

/**
 * A point of BN254 G2 in affine coordinates on the sextic D-type twist E': y² = x³ + 3/(9+u) over Fq2, or the
 * point at infinity.
 *
 * <p>E'(Fq2) has a large cofactor, so {@link #of} checks both that the point is on the twist and that it lies in
 * the order-r subgroup G2 (via {@link G2Point#isInSubgroup()}); {@link #unchecked} skips both checks and is for
 * points already known to be valid. The point at infinity has coordinates (0, 0), its EIP-197 encoding.
 */
public final class G2Affine {

    /** The twist coefficient b' = 3/ξ with ξ = 9 + u. */
    public static final Fq2 B = Fq2.of(Fq.of(3), Fq.ZERO).mul(Fq2.of(Fq.of(9), Fq.ONE).inverse());

    /** The point at infinity (the group identity). */
    public static final G2Affine INFINITY = new G2Affine(Fq2.ZERO, Fq2.ZERO, true);

    /** The standard generator of G2 used by EIP-197 and snarkjs. */
    public static final G2Affine GENERATOR = new G2Affine(
            Fq2.of(Fq.fromDecimal("10857046999023057135944570762232829481370756359578518086990519993285655852781"),
                    Fq.fromDecimal("11559732032986387107991004021392285783925812861821192530917403151452391805634")),
            Fq2.of(Fq.fromDecimal("8495653923123431417604973247489272438418190587263600148770280649306958101930"),
                    Fq.fromDecimal("4082367875863433681332203403145435568316851327593401208105741076214120093531")),
            false);

    private final Fq2 x;
    private final Fq2 y;
    private final boolean infinity;

    private G2Affine(Fq2 x, Fq2 y, boolean infinity) {
        this.x = x;
        this.y = y;
        this.infinity = infinity;
    }

    /**
     * The affine point (x, y), checked to be on the twist and in the order-r subgroup.
     *
     * @throws IllegalArgumentException if the point is not on the twist, or not in the subgroup (distinct messages)
     */
    public static G2Affine of(Fq2 x, Fq2 y) {
        G2Affine p = new G2Affine(Objects.requireNonNull(x, "x"), Objects.requireNonNull(y, "y"), false);
        if (!p.isOnCurve()) {
            throw new IllegalArgumentException("point (" + x + ", " + y
                    + ") is not on the BN254 G2 twist curve y^2 = x^3 + 3/(9+u)");
        }
        if (!p.isInSubgroup()) {
            throw new IllegalArgumentException("point (" + x + ", " + y
                    + ") is on the twist but not in the order-r subgroup of G2");
        }
        return p;
    }

    /** The affine point (x, y) without any check; only for points already known to be in G2. */
    public static G2Affine unchecked(Fq2 x, Fq2 y) {
        return new G2Affine(Objects.requireNonNull(x, "x"), Objects.requireNonNull(y, "y"), false);
    }

    /** The x coordinate (zero for the point at infinity). */
    public Fq2 x() {
        return x;
    }

    /** The y coordinate (zero for the point at infinity). */
    public Fq2 y() {
        return y;
    }

    /** Whether this is the point at infinity. */
    public boolean isInfinity() {
        return infinity;
    }

    /** Whether y² = x³ + b' holds (the point at infinity counts as on the curve). */
    public boolean isOnCurve() {
        return infinity || y.square().equals(x.square().mul(x).add(B));
    }

    /** Whether this point (assumed on the twist) is in the order-r subgroup; see {@link G2Point#isInSubgroup()}. */
    public boolean isInSubgroup() {
        return infinity || toJacobian().isInSubgroup();
    }

    /** The inverse point (x, −y). */
    public G2Affine neg() {
        return infinity ? this : new G2Affine(x, y.neg(), false);
    }

    /**
     * The untwist-Frobenius-twist endomorphism ψ(x, y) = (x̄·ξ^((p−1)/3), ȳ·ξ^((p−1)/2)), which acts on G2 as
     * multiplication by p.
     */
    public G2Affine psi() {
        if (infinity) {
            return this;
        }
        return new G2Affine(x.conjugate().mul(G2Point.PSI_X), y.conjugate().mul(G2Point.PSI_Y), false);
    }

    /** This point in Jacobian coordinates (x : y : 1), or the Jacobian infinity. */
    public G2Point toJacobian() {
        return infinity ? G2Point.INFINITY : G2Point.fromJacobian(x, y, Fq2.ONE);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof G2Affine)) {
            return false;
        }
        G2Affine p = (G2Affine) o;
        return infinity == p.infinity && (infinity || (x.equals(p.x) && y.equals(p.y)));
    }

    @Override
    public int hashCode() {
        return infinity ? 0 : 31 * x.hashCode() + y.hashCode();
    }

    @Override
    public String toString() {
        return infinity ? "G2(infinity)" : "G2(" + x + ", " + y + ")";
    }
}
