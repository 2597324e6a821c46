package io.zkinfer.algebra.field;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Random;

/**
 * An element {@code c0 + c1·v + c2·v²} of {@code Fq6 = Fq2[v]/(v³ - ξ)}, {@code ξ = 9 + u}, immutable.
 * Formulas follow Beuchat et al. (Pairing 2010): Karatsuba multiplication, Chung–Hasan SQR2 squaring.
 */
public final class Fq6 {
    public static final Fq6 ZERO = new Fq6(Fq2.ZERO, Fq2.ZERO, Fq2.ZERO);
    public static final Fq6 ONE = new Fq6(Fq2.ONE, Fq2.ZERO, Fq2.ZERO);
    /** {@code v}, with {@code v³ = ξ}. */
    public static final Fq6 V = new Fq6(Fq2.ZERO, Fq2.ONE, Fq2.ZERO);

    /** {@code ξ^((p^k - 1)/3)}, multiplies {@code c1} in {@code frobenius(k)}, {@code k = 0..5}. */
    private static final Fq2[] FROBENIUS_C1 = new Fq2[6];
    /** {@code ξ^(2(p^k - 1)/3)}, multiplies {@code c2} in {@code frobenius(k)}. */
    private static final Fq2[] FROBENIUS_C2 = new Fq2[6];

    static {
        BigInteger three = BigInteger.valueOf(3);
        for (int k = 0; k < 6; k++) {
            BigInteger pk1 = Fq.MODULUS.pow(k).subtract(BigInteger.ONE);
            if (pk1.mod(three).signum() != 0) {
                throw new IllegalStateException("p^" + k + " - 1 is not divisible by 3; wrong modulus");
            }
            FROBENIUS_C1[k] = Fq2.NON_RESIDUE.pow(pk1.divide(three));
            FROBENIUS_C2[k] = FROBENIUS_C1[k].square();
        }
    }

    private final Fq2 c0, c1, c2;

    private Fq6(Fq2 c0, Fq2 c1, Fq2 c2) {
        this.c0 = c0;
        this.c1 = c1;
        this.c2 = c2;
    }

    public static Fq6 of(Fq2 c0, Fq2 c1, Fq2 c2) {
        return new Fq6(Objects.requireNonNull(c0, "c0"), Objects.requireNonNull(c1, "c1"), Objects.requireNonNull(c2, "c2"));
    }

    /** A uniformly random element; pass a {@link java.security.SecureRandom} for cryptographic use. */
    public static Fq6 random(Random rnd) {
        return new Fq6(Fq2.random(rnd), Fq2.random(rnd), Fq2.random(rnd));
    }

    public Fq2 c0() {
        return c0;
    }

    public Fq2 c1() {
        return c1;
    }

    public Fq2 c2() {
        return c2;
    }

    public Fq6 add(Fq6 o) {
        return new Fq6(c0.add(o.c0), c1.add(o.c1), c2.add(o.c2));
    }

    public Fq6 sub(Fq6 o) {
        return new Fq6(c0.sub(o.c0), c1.sub(o.c1), c2.sub(o.c2));
    }

    public Fq6 neg() {
        return new Fq6(c0.neg(), c1.neg(), c2.neg());
    }

    public Fq6 dbl() {
        return new Fq6(c0.dbl(), c1.dbl(), c2.dbl());
    }

    /** Karatsuba over Fq2: 6 Fq2 multiplications. */
    public Fq6 mul(Fq6 o) {
        Fq2 aa = c0.mul(o.c0), bb = c1.mul(o.c1), cc = c2.mul(o.c2);
        Fq2 t0 = c1.add(c2).mul(o.c1.add(o.c2)).sub(bb).sub(cc).mulByNonResidue().add(aa);
        Fq2 t1 = c0.add(c1).mul(o.c0.add(o.c1)).sub(aa).sub(bb).add(cc.mulByNonResidue());
        Fq2 t2 = c0.add(c2).mul(o.c0.add(o.c2)).sub(aa).add(bb).sub(cc);
        return new Fq6(t0, t1, t2);
    }

    /** Chung–Hasan SQR2. */
    public Fq6 square() {
        Fq2 s0 = c0.square();
        Fq2 s1 = c0.mul(c1).dbl();
        Fq2 s2 = c0.sub(c1).add(c2).square();
        Fq2 s3 = c1.mul(c2).dbl();
        Fq2 s4 = c2.square();
        return new Fq6(s0.add(s3.mulByNonResidue()), s1.add(s4.mulByNonResidue()), s1.add(s2).add(s3).sub(s0).sub(s4));
    }

    /** Throws {@link ArithmeticException} on zero. */
    public Fq6 inverse() {
        if (isZero()) {
            throw new ArithmeticException("inverse of zero in Fq6 (the element has no inverse; check for 0 before dividing)");
        }
        Fq2 t0 = c0.square().sub(c1.mul(c2).mulByNonResidue());
        Fq2 t1 = c2.square().mulByNonResidue().sub(c0.mul(c1));
        Fq2 t2 = c1.square().sub(c0.mul(c2));
        Fq2 norm = c0.mul(t0).add(c2.mul(t1).add(c1.mul(t2)).mulByNonResidue());
        Fq2 inv = norm.inverse();
        return new Fq6(t0.mul(inv), t1.mul(inv), t2.mul(inv));
    }

    /** {@code this^e}; a negative exponent inverts first. */
    public Fq6 pow(BigInteger e) {
        Fq6 base = e.signum() < 0 ? inverse() : this;
        BigInteger k = e.abs();
        Fq6 acc = ONE;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            acc = acc.square();
            if (k.testBit(i)) {
                acc = acc.mul(base);
            }
        }
        return acc;
    }

    /** Multiplication by {@code v}: {@code (ξ·c2, c0, c1)}. */
    public Fq6 mulByNonResidue() {
        return new Fq6(c2.mulByNonResidue(), c0, c1);
    }

    /** Multiplication by an element of Fq2 (each coefficient scaled). */
    public Fq6 mulByFq2(Fq2 s) {
        return new Fq6(c0.mul(s), c1.mul(s), c2.mul(s));
    }

    /** Sparse multiplication by {@code b0 + b1·v} (5 Fq2 multiplications). */
    public Fq6 mulBy01(Fq2 b0, Fq2 b1) {
        Fq2 aa = c0.mul(b0), bb = c1.mul(b1);
        Fq2 t0 = c1.add(c2).mul(b1).sub(bb).mulByNonResidue().add(aa);
        Fq2 t1 = c0.add(c1).mul(b0.add(b1)).sub(aa).sub(bb);
        Fq2 t2 = c0.add(c2).mul(b0).sub(aa).add(bb);
        return new Fq6(t0, t1, t2);
    }

    /** Sparse multiplication by {@code b1·v} (3 Fq2 multiplications). */
    public Fq6 mulBy1(Fq2 b1) {
        return new Fq6(c2.mul(b1).mulByNonResidue(), c0.mul(b1), c1.mul(b1));
    }

    /** {@code this^(p^power)} with precomputed coefficients {@code ξ^((p^k-1)/3)}; any {@code power >= 0}. */
    public Fq6 frobenius(int power) {
        if (power < 0) {
            throw new IllegalArgumentException("Frobenius power must be >= 0, got " + power);
        }
        int k = power % 6;
        return new Fq6(c0.frobenius(k), c1.frobenius(k).mul(FROBENIUS_C1[k]), c2.frobenius(k).mul(FROBENIUS_C2[k]));
    }

    public boolean isZero() {
        return c0.isZero() && c1.isZero() && c2.isZero();
    }

    public boolean isOne() {
        return c0.isOne() && c1.isZero() && c2.isZero();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fq6 && ((Fq6) o).c0.equals(c0) && ((Fq6) o).c1.equals(c1) && ((Fq6) o).c2.equals(c2);
    }

    @Override
    public int hashCode() {
        return (c0.hashCode() * 31 + c1.hashCode()) * 31 + c2.hashCode();
    }

    /** {@code "[c0, c1, c2]"}, coefficients of {@code 1, v, v²}. */
    @Override
    public String toString() {
        return "[" + c0 + ", " + c1 + ", " + c2 + "]";
    }
}
