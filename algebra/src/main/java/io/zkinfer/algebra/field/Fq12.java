package io.zkinfer.algebra.field;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Random;

/**
 * An element {@code c0 + c1·w} of {@code Fq12 = Fq6[w]/(w² - v)}, immutable; GT, the pairing target group, is its
 * order-r subgroup.
 *
 * <p><b>Coefficient layout.</b> With {@code c0 = a0 + a1·v + a2·v²} and {@code c1 = b0 + b1·v + b2·v²} (each
 * {@code ai, bi} in {@link Fq2}) and {@code v = w²}, the element is
 * {@code a0 + b0·w + a1·w² + b1·w³ + a2·w⁴ + b2·w⁵}. The sparse-multiplication names number the six Fq2
 * coefficients in the order {@code (a0, a1, a2, b0, b1, b2) = (0, 1, 2, 3, 4, 5)}, as arkworks and gnark do:
 * <ul>
 *   <li>{@link #mulBy034(Fq2, Fq2, Fq2) mulBy034(x0, x3, x4)} multiplies by {@code x0 + x3·w + x4·w³} — the shape of
 *       a line function for a D-type sextic twist such as BN254's G2 ({@code y² = x³ + 3/ξ}), whose untwisting map
 *       is {@code (x, y) ↦ (x·w², y·w³)}: the line through twist points evaluated at {@code P = (xP, yP)} in G1 is
 *       {@code yP·x0' + (xP·x3')·w + x4·w³} up to an Fq2 factor.</li>
 *   <li>{@link #mulBy014(Fq2, Fq2, Fq2) mulBy014(x0, x1, x4)} multiplies by {@code x0 + x1·v + x4·v·w}
 *       ({@code = x0 + x1·w² + x4·w³}), the M-type shape, provided for completeness.</li>
 * </ul>
 * Both equal {@link #mul(Fq12)} by the corresponding sparse element (checked by tests).
 */
public final class Fq12 {
    public static final Fq12 ZERO = new Fq12(Fq6.ZERO, Fq6.ZERO);
    public static final Fq12 ONE = new Fq12(Fq6.ONE, Fq6.ZERO);
    /** {@code w}, with {@code w² = v}. */
    public static final Fq12 W = new Fq12(Fq6.ZERO, Fq6.ONE);

    /** {@code ξ^((p^k - 1)/6)} for {@code k = 0..11}: {@code w^(p^k) = w · FROBENIUS_C1[k]}. */
    private static final Fq2[] FROBENIUS_C1 = new Fq2[12];

    static {
        BigInteger six = BigInteger.valueOf(6);
        for (int k = 0; k < 12; k++) {
            BigInteger pk1 = Fq.MODULUS.pow(k).subtract(BigInteger.ONE);
            if (pk1.mod(six).signum() != 0) {
                throw new IllegalStateException("p^" + k + " - 1 is not divisible by 6; wrong modulus");
            }
            FROBENIUS_C1[k] = Fq2.NON_RESIDUE.pow(pk1.divide(six));
        }
    }

    private final Fq6 c0, c1;

    private Fq12(Fq6 c0, Fq6 c1) {
        this.c0 = c0;
        this.c1 = c1;
    }

    public static Fq12 of(Fq6 c0, Fq6 c1) {
        return new Fq12(Objects.requireNonNull(c0, "c0"), Objects.requireNonNull(c1, "c1"));
    }

    /** A uniformly random element; pass a {@link java.security.SecureRandom} for cryptographic use. */
    public static Fq12 random(Random rnd) {
        return new Fq12(Fq6.random(rnd), Fq6.random(rnd));
    }

    public Fq6 c0() {
        return c0;
    }

    public Fq6 c1() {
        return c1;
    }

    public Fq12 add(Fq12 o) {
        return new Fq12(c0.add(o.c0), c1.add(o.c1));
    }

    public Fq12 sub(Fq12 o) {
        return new Fq12(c0.sub(o.c0), c1.sub(o.c1));
    }

    public Fq12 neg() {
        return new Fq12(c0.neg(), c1.neg());
    }

    /** Karatsuba over Fq6: 3 Fq6 multiplications. */
    public Fq12 mul(Fq12 o) {
        Fq6 aa = c0.mul(o.c0), bb = c1.mul(o.c1);
        Fq6 cross = c0.add(c1).mul(o.c0.add(o.c1)).sub(aa).sub(bb);
        return new Fq12(aa.add(bb.mulByNonResidue()), cross);
    }

    /** Complex squaring: 2 Fq6 multiplications. */
    public Fq12 square() {
        Fq6 ab = c0.mul(c1);
        Fq6 t = c0.add(c1).mul(c0.add(c1.mulByNonResidue())).sub(ab).sub(ab.mulByNonResidue());
        return new Fq12(t, ab.dbl());
    }

    /** {@code (c0 - c1·w) / (c0² - v·c1²)}; throws {@link ArithmeticException} on zero. */
    public Fq12 inverse() {
        if (isZero()) {
            throw new ArithmeticException("inverse of zero in Fq12 (the element has no inverse; check for 0 before dividing)");
        }
        Fq6 inv = c0.square().sub(c1.square().mulByNonResidue()).inverse();
        return new Fq12(c0.mul(inv), c1.mul(inv).neg());
    }

    /** {@code this^e}; a negative exponent inverts first. */
    public Fq12 pow(BigInteger e) {
        Fq12 base = e.signum() < 0 ? inverse() : this;
        BigInteger k = e.abs();
        Fq12 acc = ONE;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            acc = acc.square();
            if (k.testBit(i)) {
                acc = acc.mul(base);
            }
        }
        return acc;
    }

    /** {@code c0 - c1·w}, which is {@code this^(p^6)}; on the cyclotomic subgroup (and so on GT) it is the inverse. */
    public Fq12 conjugate() {
        return new Fq12(c0, c1.neg());
    }

    /** {@code this^(p^power)} with precomputed coefficients {@code ξ^((p^k-1)/6)}; any {@code power >= 0}. */
    public Fq12 frobenius(int power) {
        if (power < 0) {
            throw new IllegalArgumentException("Frobenius power must be >= 0, got " + power);
        }
        int k = power % 12;
        return new Fq12(c0.frobenius(k), c1.frobenius(k).mulByFq2(FROBENIUS_C1[k]));
    }

    /**
     * Multiplication by the sparse element {@code x0 + x3·w + x4·w³}, i.e. {@code c0 = (x0, 0, 0)},
     * {@code c1 = (x3, x4, 0)} (the D-type line layout; see the class comment). 13 Fq2 multiplications instead of 18.
     */
    public Fq12 mulBy034(Fq2 x0, Fq2 x3, Fq2 x4) {
        Fq6 a = c0.mulByFq2(x0);
        Fq6 b = c1.mulBy01(x3, x4);
        Fq6 e = c0.add(c1).mulBy01(x0.add(x3), x4);
        return new Fq12(b.mulByNonResidue().add(a), e.sub(a).sub(b));
    }

    /**
     * Multiplication by the sparse element {@code x0 + x1·v + x4·v·w}, i.e. {@code c0 = (x0, x1, 0)},
     * {@code c1 = (0, x4, 0)} (the M-type line layout; see the class comment).
     */
    public Fq12 mulBy014(Fq2 x0, Fq2 x1, Fq2 x4) {
        Fq6 aa = c0.mulBy01(x0, x1);
        Fq6 bb = c1.mulBy1(x4);
        Fq6 e = c0.add(c1).mulBy01(x0, x1.add(x4));
        return new Fq12(bb.mulByNonResidue().add(aa), e.sub(aa).sub(bb));
    }

    /**
     * Granger–Scott squaring, valid only for elements of the cyclotomic subgroup (norm 1 over Fq6 and over Fq4, e.g.
     * any {@code f^((p^6-1)(p^2+1))}, in particular after the easy part of the final exponentiation). Undefined
     * (a wrong result) for other elements.
     */
    public Fq12 cyclotomicSquare() {
        Fq2 z0 = c0.c0(), z4 = c0.c1(), z3 = c0.c2(), z2 = c1.c0(), z1 = c1.c1(), z5 = c1.c2();
        Fq2[] t01 = fq4Square(z0, z1);
        Fq2[] t23 = fq4Square(z2, z3);
        Fq2[] t45 = fq4Square(z4, z5);
        Fq2 n0 = t01[0].sub(z0).dbl().add(t01[0]);
        Fq2 n1 = t01[1].add(z1).dbl().add(t01[1]);
        Fq2 xt5 = t45[1].mulByNonResidue();
        Fq2 n2 = z2.add(xt5).dbl().add(xt5);
        Fq2 n3 = t45[0].sub(z3).dbl().add(t45[0]);
        Fq2 n4 = t23[0].sub(z4).dbl().add(t23[0]);
        Fq2 n5 = z5.add(t23[1]).dbl().add(t23[1]);
        return new Fq12(Fq6.of(n0, n4, n3), Fq6.of(n2, n1, n5));
    }

    /** {@code (a + b·s)²} in {@code Fq2[s]/(s² - ξ)}: returns {@code {a² + ξb², 2ab}}. */
    private static Fq2[] fq4Square(Fq2 a, Fq2 b) {
        Fq2 ab = a.mul(b);
        Fq2 t0 = a.add(b).mul(b.mulByNonResidue().add(a)).sub(ab).sub(ab.mulByNonResidue());
        return new Fq2[] {t0, ab.dbl()};
    }

    /**
     * {@code this^e} by square-and-multiply with {@link #cyclotomicSquare()}; valid only in the cyclotomic
     * subgroup, where a negative exponent uses {@link #conjugate()} as the inverse.
     */
    public Fq12 cyclotomicPow(BigInteger e) {
        Fq12 base = e.signum() < 0 ? conjugate() : this;
        BigInteger k = e.abs();
        Fq12 acc = ONE;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            acc = acc.cyclotomicSquare();
            if (k.testBit(i)) {
                acc = acc.mul(base);
            }
        }
        return acc;
    }

    public boolean isZero() {
        return c0.isZero() && c1.isZero();
    }

    public boolean isOne() {
        return c0.isOne() && c1.isZero();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fq12 && ((Fq12) o).c0.equals(c0) && ((Fq12) o).c1.equals(c1);
    }

    @Override
    public int hashCode() {
        return c0.hashCode() * 31 + c1.hashCode();
    }

    /** {@code "{c0, c1}"}, coefficients of {@code 1, w}. */
    @Override
    public String toString() {
        return "{" + c0 + ", " + c1 + "}";
    }
}
