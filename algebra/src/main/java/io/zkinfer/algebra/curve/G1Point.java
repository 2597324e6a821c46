package io.zkinfer.algebra.curve;

import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fr;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An immutable point of BN254 G1 in Jacobian coordinates (X : Y : Z), standing for the affine point
 * (X/Z², Y/Z³); Z = 0 is the point at infinity.
 *
 * <p>Formulas are the Explicit-Formulas Database ones for short Weierstrass curves with a = 0:
 * {@code add-2007-bl} (general addition), {@code madd-2007-bl} (mixed addition with an affine point) and
 * {@code dbl-2009-l} (doubling). {@link #equals} compares the represented affine points, not the coordinates.
 */
public final class G1Point {

    /** The point at infinity (1 : 1 : 0). */
    public static final G1Point INFINITY = new G1Point(Fq.ONE, Fq.ONE, Fq.ZERO);

    /** The generator (1, 2) in Jacobian form. */
    public static final G1Point GENERATOR = new G1Point(Fq.ONE, Fq.of(2), Fq.ONE);

    private final Fq x;
    private final Fq y;
    private final Fq z;

    private G1Point(Fq x, Fq y, Fq z) {
        this.x = x;
        this.y = y;
        this.z = z;
    }

    /**
     * The point with Jacobian coordinates (X : Y : Z), unchecked: callers (native kernels, decoders) must pass
     * coordinates of a point on the curve; see {@link #isOnCurve()}.
     */
    public static G1Point fromJacobian(Fq x, Fq y, Fq z) {
        return new G1Point(Objects.requireNonNull(x, "x"), Objects.requireNonNull(y, "y"), Objects.requireNonNull(z, "z"));
    }

    /** Jacobian X. */
    public Fq x() {
        return x;
    }

    /** Jacobian Y. */
    public Fq y() {
        return y;
    }

    /** Jacobian Z (zero exactly for the point at infinity). */
    public Fq z() {
        return z;
    }

    /** Whether this is the point at infinity (Z = 0). */
    public boolean isInfinity() {
        return z.isZero();
    }

    /** Whether Y² = X³ + 3·Z⁶ (the point at infinity counts as on the curve). */
    public boolean isOnCurve() {
        if (isInfinity()) {
            return true;
        }
        Fq z2 = z.square();
        Fq z6 = z2.square().mul(z2);
        return y.square().equals(x.square().mul(x).add(G1Affine.B.mul(z6)));
    }

    /** The sum this + q ({@code add-2007-bl}; falls back to doubling when the points are equal). */
    public G1Point add(G1Point q) {
        if (isInfinity()) {
            return q;
        }
        if (q.isInfinity()) {
            return this;
        }
        Fq z1z1 = z.square();
        Fq z2z2 = q.z.square();
        Fq u1 = x.mul(z2z2);
        Fq u2 = q.x.mul(z1z1);
        Fq s1 = y.mul(q.z).mul(z2z2);
        Fq s2 = q.y.mul(z).mul(z1z1);
        Fq h = u2.sub(u1);
        Fq r = s2.sub(s1).dbl();
        if (h.isZero()) {
            return r.isZero() ? dbl() : INFINITY;
        }
        Fq i = h.dbl().square();
        Fq j = h.mul(i);
        Fq v = u1.mul(i);
        Fq x3 = r.square().sub(j).sub(v.dbl());
        Fq y3 = r.mul(v.sub(x3)).sub(s1.mul(j).dbl());
        Fq z3 = z.add(q.z).square().sub(z1z1).sub(z2z2).mul(h);
        return new G1Point(x3, y3, z3);
    }

    /** The sum this + q with q affine ({@code madd-2007-bl}). */
    public G1Point addAffine(G1Affine q) {
        if (q.isInfinity()) {
            return this;
        }
        if (isInfinity()) {
            return q.toJacobian();
        }
        Fq z1z1 = z.square();
        Fq u2 = q.x().mul(z1z1);
        Fq s2 = q.y().mul(z).mul(z1z1);
        Fq h = u2.sub(x);
        Fq r = s2.sub(y).dbl();
        if (h.isZero()) {
            return r.isZero() ? dbl() : INFINITY;
        }
        Fq hh = h.square();
        Fq i = hh.dbl().dbl();
        Fq j = h.mul(i);
        Fq v = x.mul(i);
        Fq x3 = r.square().sub(j).sub(v.dbl());
        Fq y3 = r.mul(v.sub(x3)).sub(y.mul(j).dbl());
        Fq z3 = z.add(h).square().sub(z1z1).sub(hh);
        return new G1Point(x3, y3, z3);
    }

    /** The double 2·this ({@code dbl-2009-l}). */
    public G1Point dbl() {
        if (isInfinity() || y.isZero()) {
            return INFINITY;
        }
        Fq a = x.square();
        Fq b = y.square();
        Fq c = b.square();
        Fq d = x.add(b).square().sub(a).sub(c).dbl();
        Fq e = a.dbl().add(a);
        Fq f = e.square();
        Fq x3 = f.sub(d.dbl());
        Fq y3 = e.mul(d.sub(x3)).sub(c.dbl().dbl().dbl());
        Fq z3 = y.mul(z).dbl();
        return new G1Point(x3, y3, z3);
    }

    /** The inverse point (X : −Y : Z). */
    public G1Point neg() {
        return isInfinity() ? this : new G1Point(x, y.neg(), z);
    }

    /** The multiple [k]·this for a scalar-field element k. */
    public G1Point mul(Fr k) {
        return mul(k.toBigInteger());
    }

    /** The multiple [k]·this for any integer k (negative k multiplies the inverse point); width-w NAF. */
    public G1Point mul(BigInteger k) {
        if (k.signum() < 0) {
            return neg().mul(k.negate());
        }
        int w = ScalarRecoding.width(k.bitLength());
        int[] digits = ScalarRecoding.wnaf(k, w);
        G1Point[] odd = new G1Point[1 << (w - 2)];
        odd[0] = this;
        G1Point twice = dbl();
        for (int i = 1; i < odd.length; i++) {
            odd[i] = odd[i - 1].add(twice);
        }
        G1Point acc = INFINITY;
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
    public G1Affine toAffine() {
        if (isInfinity()) {
            return G1Affine.INFINITY;
        }
        Fq zInv = z.inverse();
        Fq zInv2 = zInv.square();
        return G1Affine.unchecked(x.mul(zInv2), y.mul(zInv2).mul(zInv));
    }

    /**
     * All points in affine coordinates with a single field inversion (Montgomery's simultaneous-inversion trick);
     * points at infinity map to {@link G1Affine#INFINITY}.
     */
    public static G1Affine[] batchToAffine(G1Point[] points) {
        int n = points.length;
        Fq[] prefix = new Fq[n];
        Fq acc = Fq.ONE;
        for (int i = 0; i < n; i++) {
            prefix[i] = acc;
            if (!points[i].isInfinity()) {
                acc = acc.mul(points[i].z);
            }
        }
        G1Affine[] out = new G1Affine[n];
        Fq inv = acc.inverse();
        for (int i = n - 1; i >= 0; i--) {
            G1Point p = points[i];
            if (p.isInfinity()) {
                out[i] = G1Affine.INFINITY;
                continue;
            }
            Fq zInv = inv.mul(prefix[i]);
            inv = inv.mul(p.z);
            Fq zInv2 = zInv.square();
            out[i] = G1Affine.unchecked(p.x.mul(zInv2), p.y.mul(zInv2).mul(zInv));
        }
        return out;
    }

    /** Equality of the represented points: X₁Z₂² = X₂Z₁² and Y₁Z₂³ = Y₂Z₁³. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof G1Point)) {
            return false;
        }
        G1Point q = (G1Point) o;
        if (isInfinity() || q.isInfinity()) {
            return isInfinity() && q.isInfinity();
        }
        Fq z1z1 = z.square();
        Fq z2z2 = q.z.square();
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
