package io.zkinfer.algebra.field;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Random;

/**
 * An element {@code c0 + c1·u} of {@code Fq2 = Fq[u]/(u² + 1)}, immutable. The coordinate field of the G2
 * twist; {@link #NON_RESIDUE} {@code ξ = 9 + u} defines the next tower level {@link Fq6}.
 */
public final class Fq2 {
    public static final Fq2 ZERO = new Fq2(Fq.ZERO, Fq.ZERO);
    public static final Fq2 ONE = new Fq2(Fq.ONE, Fq.ZERO);
    /** {@code u}, with {@code u² = -1}. */
    public static final Fq2 U = new Fq2(Fq.ZERO, Fq.ONE);
    /** {@code ξ = 9 + u}: neither a square nor a cube in Fq2; {@code v³ = ξ} in {@link Fq6}. */
    public static final Fq2 NON_RESIDUE = new Fq2(Fq.of(9), Fq.ONE);

    private static final BigInteger P = Fq.MODULUS;
    private static final BigInteger SQRT_EXP_A1 = P.subtract(BigInteger.valueOf(3)).shiftRight(2); // (p-3)/4
    private static final BigInteger SQRT_EXP_B = P.subtract(BigInteger.ONE).shiftRight(1); // (p-1)/2

    private final Fq c0, c1;

    private Fq2(Fq c0, Fq c1) {
        this.c0 = c0;
        this.c1 = c1;
    }

    public static Fq2 of(Fq c0, Fq c1) {
        return new Fq2(Objects.requireNonNull(c0, "c0"), Objects.requireNonNull(c1, "c1"));
    }

    /** A uniformly random element; pass a {@link java.security.SecureRandom} for cryptographic use. */
    public static Fq2 random(Random rnd) {
        return new Fq2(Fq.random(rnd), Fq.random(rnd));
    }

    public Fq c0() {
        return c0;
    }

    public Fq c1() {
        return c1;
    }

    public Fq2 add(Fq2 o) {
        return new Fq2(c0.add(o.c0), c1.add(o.c1));
    }

    public Fq2 sub(Fq2 o) {
        return new Fq2(c0.sub(o.c0), c1.sub(o.c1));
    }

    public Fq2 neg() {
        return new Fq2(c0.neg(), c1.neg());
    }

    public Fq2 dbl() {
        return new Fq2(c0.dbl(), c1.dbl());
    }

    /** Karatsuba: 3 Fq multiplications. */
    public Fq2 mul(Fq2 o) {
        Fq v0 = c0.mul(o.c0);
        Fq v1 = c1.mul(o.c1);
        Fq cross = c0.add(c1).mul(o.c0.add(o.c1)).sub(v0).sub(v1);
        return new Fq2(v0.sub(v1), cross);
    }

    /** Complex squaring: {@code (c0+c1)(c0-c1) + 2c0c1·u}. */
    public Fq2 square() {
        Fq ab = c0.mul(c1);
        return new Fq2(c0.add(c1).mul(c0.sub(c1)), ab.dbl());
    }

    /** {@code (c0 - c1·u) / (c0² + c1²)}; throws {@link ArithmeticException} on zero. */
    public Fq2 inverse() {
        if (isZero()) {
            throw new ArithmeticException("inverse of zero in Fq2 (the element has no inverse; check for 0 before dividing)");
        }
        Fq t = c0.square().add(c1.square()).inverse();
        return new Fq2(c0.mul(t), c1.mul(t).neg());
    }

    /** {@code this / o}; throws {@link ArithmeticException} if {@code o} is zero. */
    public Fq2 div(Fq2 o) {
        return mul(o.inverse());
    }

    /** {@code this^e}; a negative exponent inverts first. */
    public Fq2 pow(BigInteger e) {
        Fq2 base = e.signum() < 0 ? inverse() : this;
        BigInteger k = e.abs();
        Fq2 acc = ONE;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            acc = acc.square();
            if (k.testBit(i)) {
                acc = acc.mul(base);
            }
        }
        return acc;
    }

    /** {@code c0 - c1·u}, which is also {@code this^p}. */
    public Fq2 conjugate() {
        return new Fq2(c0, c1.neg());
    }

    /** Multiplication by an element of the base field. */
    public Fq2 mulByFq(Fq s) {
        return new Fq2(c0.mul(s), c1.mul(s));
    }

    /** Multiplication by {@code ξ = 9 + u}: {@code (9c0 - c1) + (c0 + 9c1)·u}, no full multiplication. */
    public Fq2 mulByNonResidue() {
        Fq nine0 = c0.dbl().dbl().dbl().add(c0);
        Fq nine1 = c1.dbl().dbl().dbl().add(c1);
        return new Fq2(nine0.sub(c1), c0.add(nine1));
    }

    /** {@code this^(p^power)}: the conjugate for odd powers, the identity for even ones. */
    public Fq2 frobenius(int power) {
        return (power & 1) == 0 ? this : conjugate();
    }

    /**
     * A square root, or {@code null} when this is not a square (Adj–Rodríguez-Henríquez 2014, Algorithm 9, for
     * {@code p ≡ 3 mod 4}). Used by G2 point decompression.
     */
    public Fq2 sqrt() {
        if (isZero()) {
            return ZERO;
        }
        Fq2 a1 = pow(SQRT_EXP_A1);
        Fq2 alpha = a1.square().mul(this);
        Fq2 x0 = a1.mul(this);
        Fq2 root;
        if (alpha.equals(ONE.neg())) {
            root = U.mul(x0);
        } else {
            root = alpha.add(ONE).pow(SQRT_EXP_B).mul(x0);
        }
        return root.square().equals(this) ? root : null;
    }

    /**
     * The sign used by point compression: {@code c1} lexicographically largest, or {@code c1 = 0} and {@code c0}
     * lexicographically largest (the order used by zkcrypto and arkworks).
     */
    public boolean isLexicographicallyLargest() {
        return c1.isZero() ? c0.isLexicographicallyLargest() : c1.isLexicographicallyLargest();
    }

    public boolean isZero() {
        return c0.isZero() && c1.isZero();
    }

    public boolean isOne() {
        return c0.isOne() && c1.isZero();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fq2 && ((Fq2) o).c0.equals(c0) && ((Fq2) o).c1.equals(c1);
    }

    @Override
    public int hashCode() {
        return c0.hashCode() * 31 + c1.hashCode();
    }

    /** {@code "(c0 + c1*u)"} in decimal. */
    @Override
    public String toString() {
        return "(" + c0 + " + " + c1 + "*u)";
    }
}
