package io.zkinfer.algebra.curve;

import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fq2;
import io.zkinfer.algebra.field.Fr;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An immutable point of the BN254 G2 twist E': y² = x³ + 3/(9+u) over Fq2 in Jacobian coordinates (X : Y : Z),
 * standing for the affine point (X/Z², Y/Z³); Z = 0 is the point at infinity.
 *
 * <p>Formulas are the Explicit-Formulas Database ones for short Weierstrass curves with a = 0:
 * {@code add-2007-bl} (general addition), {@code madd-2007-bl} (mixed addition with an affine point) and
 * {@code dbl-2009-l} (doubling). {@link #equals} compares the represented affine points, not the coordinates.
 */
public final class G2Point {

    /** The point at infinity (1 : 1 : 0). */
    public static final G2Point INFINITY = new G2Point(Fq2.ONE, Fq2.ONE, Fq2.ZERO);

    /** The EIP-197 generator in Jacobian form. */
    public static final G2Point GENERATOR = new G2Point(G2Affine.GENERATOR.x(), G2Affine.GENERATOR.y(), Fq2.ONE);

    private static final Fq2 XI = Fq2.of(Fq.of(9), Fq.ONE);

    /** ξ^((p−1)/3), the x coefficient of ψ. */
    static final Fq2 PSI_X = XI.pow(Fq.MODULUS.subtract(BigInteger.ONE).divide(BigInteger.valueOf(3)));

    /** ξ^((p−1)/2), the y coefficient of ψ. */
    static final Fq2 PSI_Y = XI.pow(Fq.MODULUS.subtract(BigInteger.ONE).shiftRight(1));

    /** 6x² for the BN parameter x = 4965661367192848881; p ≡ 6x² (mod r), so ψ acts on G2 as [6x²]. */
    private static final BigInteger SIX_X_SQUARED = BigInteger.valueOf(4965661367192848881L).pow(2).multiply(BigInteger.valueOf(6));

    private final Fq2 x;
    private final Fq2 y;
    private final Fq2 z;

    private G2Point(Fq2 x, Fq2 y, Fq2 z) {
        this.x = x;
        this.y = y;
        this.z = z;
    }

    /**
     * The point with Jacobian coordinates (X : Y : Z), unchecked: callers (native kernels, decoders) must pass
     * coordinates of a point on the curve; see {@link #isOnCurve()}.
     */
    public static G2Point fromJacobian(Fq2 x, Fq2 y, Fq2 z) {
        return new G2Point(Objects.requireNonNull(x, "x"), Objects.requireNonNull(y, "y"), Objects.requireNonNull(z, "z"));
    }

    /** Jacobian X. */
    public Fq2 x() {
        return x;
    }

    /** Jacobian Y. */
    public Fq2 y() {
        return y;
    }

    /** Jacobian Z (zero exactly for the point at infinity). */
    public Fq2 z() {
        return z;
    }

    /** Whether this is the point at infinity (Z = 0). */
    public boolean isInfinity() {
        return z.isZero();
    }

    /** Whether Y² = X³ + b'·Z⁶ (the point at infinity counts as on the curve). */
    public boolean isOnCurve() {
        if (isInfinity()) {
            return true;
        }
        Fq2 z2 = z.square();
        Fq2 z6 = z2.square().mul(z2);
        return y.square().equals(x.square().mul(x).add(G2Affine.B.mul(z6)));
    }

    /** The sum this + q ({@code add-2007-bl}; falls back to doubling when the points are equal). */
    public G2Point add(G2Point q) {
        if (isInfinity()) {
            return q;
        }
        if (q.isInfinity()) {
            return this;
        }
        Fq2 z1z1 = z.square();
        Fq2 z2z2 = q.z.square();
        Fq2 u1 = x.mul(z2z2);
        Fq2 u2 = q.x.mul(z1z1);
        Fq2 s1 = y.mul(q.z).mul(z2z2);
        Fq2 s2 = q.y.mul(z).mul(z1z1);
        Fq2 h = u2.sub(u1);
        Fq2 r = s2.sub(s1).dbl();
        if (h.isZero()) {
            return r.isZero() ? dbl() : INFINITY;
        }
        Fq2 i = h.dbl().square();
        Fq2 j = h.mul(i);
        Fq2 v = u1.mul(i);
        Fq2 x3 = r.square().sub(j).sub(v.dbl());
        Fq2 y3 = r.mul(v.sub(x3)).sub(s1.mul(j).dbl());
        Fq2 z3 = z.add(q.z).square().sub(z1z1).sub(z2z2).mul(h);
        return new G2Point(x3, y3, z3);
    }

    /** The sum this + q with q affine ({@code madd-2007-bl}). */
    public G2Point addAffine(G2Affine q) {
        if (q.isInfinity()) {
            return this;
        }
        if (isInfinity()) {
            return q.toJacobian();
        }
        Fq2 z1z1 = z.square();
        Fq2 u2 = q.x().mul(z1z1);
        Fq2 s2 = q.y().mul(z).mul(z1z1);
        Fq2 h = u2.sub(x);
        Fq2 r = s2.sub(y).dbl();
        if (h.isZero()) {
            return r.isZero() ? dbl() : INFINITY;
        }
        Fq2 hh = h.square();
        Fq2 i = hh.dbl().dbl();
        Fq2 j = h.mul(i);
        Fq2 v = x.mul(i);
        Fq2 x3 = r.square().sub(j).sub(v.dbl());
        Fq2 y3 = r.mul(v.sub(x3)).sub(y.mul(j).dbl());
        Fq2 z3 = z.add(h).square().sub(z1z1).sub(hh);
        return new G2Point(x3, y3, z3);
    }

    /** The double 2·this ({@code dbl-2009-l}). */
    public G2Point dbl() {
        if (isInfinity() || y.isZero()) {
            return INFINITY;
        }
        Fq2 a = x.square();
        Fq2 b = y.square();
        Fq2 c = b.square();
        Fq2 d = x.add(b).square().sub(a).sub(c).dbl();
        Fq2 e = a.dbl().add(a);
        Fq2 f = e.square();
        Fq2 x3 = f.sub(d.dbl());
        Fq2 y3 = e.mul(d.sub(x3)).sub(c.dbl().dbl().dbl());
        Fq2 z3 = y.mul(z).dbl();
        return new G2Point(x3, y3, z3);
    }

    /**
     * Whether this point (assumed on the twist) lies in the order-r subgroup G2. Uses the membership test of
     * El Housni, Guillevic and Piellard ("Co-factor clearing and subgroup membership testing on pairing-friendly
     * curves", AFRICACRYPT 2022) for BN curves: P ∈ G2 ⇔ ψ(P) = [6x²]P, which costs a 128-bit scalar
     * multiplication instead of the 254-bit [r]P = O; tests check that it agrees with [r]P = O.
     */
    public boolean isInSubgroup() {
        return isInfinity() || psi().equals(mul(SIX_X_SQUARED));
    }

    /** ψ(X : Y : Z) = (X̄·ξ^((p−1)/3) : Ȳ·ξ^((p−1)/2) : Z̄); see {@link G2Affine#psi()}. */
    public G2Point psi() {
        return isInfinity() ? this : new G2Point(x.conjugate().mul(PSI_X), y.conjugate().mul(PSI_Y), z.conjugate());
    }

    /** The inverse point (X : −Y : Z). */
    public G2Point neg() {
        return isInfinity() ? this : new G2Point(x, y.neg(), z);
    }

    /** The multiple [k]·this for a scalar-field element k. */
    public G2Point mul(Fr k) {
        return mul(k.toBigInteger());
    }

    /**
     * The multiple [k]·this for any integer k (negative k multiplies the inverse point). k is not reduced mod r,
     * so this also serves points of the twist outside G2. Width-w NAF.
     */
    public G2Point mul(BigInteger k) {
        if (k.signum() < 0) {
            return neg().mul(k.negate());
        }
        int w = ScalarRecoding.width(k.bitLength());
        int[] digits = ScalarRecoding.wnaf(k, w);
        G2Point[] odd = new G2Point[1 << (w - 2)];
        odd[0] = this;
        G2Point twice = dbl();
        for (int i = 1; i < odd.length; i++) {
            odd[i] = odd[i - 1].add(twice);
        }
        G2Point acc = INFINITY;
        for (int i = digits.length - 1; i >= 0; i--) {
            acc = acc.dbl();
            int d = digits[i];
            if (d > 0) {
                acc = acc.add(odd[d >> 1]);
            } else if (d < 0) {
                acc = acc.add(odd[-d >> 1].neg());
            }
        }
        return acc;
    }

    /** This point in affine coordinates (one field inversion). */
    public G2Affine toAffine() {
        if (isInfinity()) {
            return G2Affine.INFINITY;
        }
        Fq2 zInv = z.inverse();
        Fq2 zInv2 = zInv.square();
        return G2Affine.unchecked(x.mul(zInv2), y.mul(zInv2).mul(zInv));
    }

    /**
     * All points in affine coordinates with a single field inversion (Montgomery's simultaneous-inversion trick);
     * points at infinity map to {@link G2Affine#INFINITY}.
     */
    public static G2Affine[] batchToAffine(G2Point[] points) {
        int n = points.length;
        Fq2[] prefix = new Fq2[n];
        Fq2 acc = Fq2.ONE;
        for (int i = 0; i < n; i++) {
            prefix[i] = acc;
            if (!points[i].isInfinity()) {
                acc = acc.mul(points[i].z);
            }
        }
        G2Affine[] out = new G2Affine[n];
        Fq2 inv = acc.inverse();
        for (int i = n - 1; i >= 0; i--) {
            G2Point p = points[i];
            if (p.isInfinity()) {
                out[i] = G2Affine.INFINITY;
                continue;
            }
            Fq2 zInv = inv.mul(prefix[i]);
            inv = inv.mul(p.z);
            Fq2 zInv2 = zInv.square();
            out[i] = G2Affine.unchecked(p.x.mul(zInv2), p.y.mul(zInv2).mul(zInv));
        }
        return out;
    }

    /** Equality of the represented points: X₁Z₂² = X₂Z₁² and Y₁Z₂³ = Y₂Z₁³. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof G2Point)) {
            return false;
        }
        G2Point q = (G2Point) o;
        if (isInfinity() || q.isInfinity()) {
            return isInfinity() && q.isInfinity();
        }
        Fq2 z1z1 = z.square();
        Fq2 z2z2 = q.z.square();
        return x.mul(z2z2).equals(q.x.mul(z1z1)) && y.mul(z2z2).mul(q.z).equals(q.y.mul(z1z1).mul(z));
    }

    @Override
    public int hashCode() {
        return toAffine().hashCode();
    }

    @Override
    public String toString() {
        return toAffine().toString();
    }
}
