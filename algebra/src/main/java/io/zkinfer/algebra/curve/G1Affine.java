package io.zkinfer.algebra.curve;

import io.zkinfer.algebra.field.Fq;

import java.util.Objects;

/**
 * A point of BN254 G1 in affine coordinates: a solution (x, y) of y² = x³ + 3 over Fq, or the point at infinity.
 *
 * <p>G1 has cofactor 1, so every point on the curve is in the order-r group. {@link #of} validates that the point
 * is on the curve; {@link #unchecked} skips the check and is for points that are already known to be valid
 * (results of group operations, decoded trusted keys). The point at infinity is represented by the flag
 * {@link #isInfinity()} with coordinates (0, 0), which is also its EIP-196 encoding.
 */
public final class G1Affine {

    /** The curve coefficient b = 3 of y² = x³ + b. */
    public static final Fq B = Fq.of(3);

    /** The point at infinity (the group identity). */
    public static final G1Affine INFINITY = new G1Affine(Fq.ZERO, Fq.ZERO, true);

    /** The standard generator (1, 2) used by EIP-196/197 and snarkjs. */
    public static final G1Affine GENERATOR = new G1Affine(Fq.ONE, Fq.of(2), false);

    private final Fq x;
    private final Fq y;
    private final boolean infinity;

    private G1Affine(Fq x, Fq y, boolean infinity) {
        this.x = x;
        this.y = y;
        this.infinity = infinity;
    }

    /**
     * The affine point (x, y), checked to satisfy y² = x³ + 3.
     *
     * @throws IllegalArgumentException if the point is not on the curve
     */
    public static G1Affine of(Fq x, Fq y) {
        G1Affine p = new G1Affine(Objects.requireNonNull(x, "x"), Objects.requireNonNull(y, "y"), false);
        if (!p.isOnCurve()) {
            throw new IllegalArgumentException("point (" + x + ", " + y + ") is not on the BN254 G1 curve y^2 = x^3 + 3");
        }
        return p;
    }

    /** The affine point (x, y) without the on-curve check; only for points already known to be valid. */
    public static G1Affine unchecked(Fq x, Fq y) {
        return new G1Affine(Objects.requireNonNull(x, "x"), Objects.requireNonNull(y, "y"), false);
    }

    /** The x coordinate (zero for the point at infinity). */
    public Fq x() {
        return x;
    }

    /** The y coordinate (zero for the point at infinity). */
    public Fq y() {
        return y;
    }

    /** Whether this is the point at infinity. */
    public boolean isInfinity() {
        return infinity;
    }

    /** Whether y² = x³ + 3 holds (the point at infinity counts as on the curve). */
    public boolean isOnCurve() {
        return infinity || y.square().equals(x.square().mul(x).add(B));
    }

    /** The inverse point (x, −y). */
    public G1Affine neg() {
        return infinity ? this : new G1Affine(x, y.neg(), false);
    }

    /** This point in Jacobian coordinates (x : y : 1), or the Jacobian infinity. */
    public G1Point toJacobian() {
        return infinity ? G1Point.INFINITY : G1Point.fromJacobian(x, y, Fq.ONE);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof G1Affine)) {
            return false;
        }
        G1Affine p = (G1Affine) o;
        return infinity == p.infinity && (infinity || (x.equals(p.x) && y.equals(p.y)));
    }

    @Override
    public int hashCode() {
        return infinity ? 0 : 31 * x.hashCode() + y.hashCode();
    }

    @Override
    public String toString() {
        return infinity ? "G1(infinity)" : "G1(" + x + ", " + y + ")";
    }
}
