package io.zkinfer.algebra.pairing;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fq12;
import io.zkinfer.algebra.field.Fq2;

import java.math.BigInteger;

/**
 * The optimal ate Miller loop for BN254 over the loop parameter 6x + 2 (x = 4965661367192848881) in signed
 * (NAF) digits, followed by the two Frobenius-twisted additions of Q₁ = ψ(Q) and −Q₂ = −ψ²(Q).
 *
 * <p>The running point T ∈ E'(Fq2) is kept in homogeneous projective coordinates and the line functions are the
 * ones of Costello, Lange and Naehrig (PKC 2010), in the form given by Aranha, Karabina, Longa, Gebotys and
 * López, "Faster explicit formulas for computing pairings over ordinary curves" (EUROCRYPT 2011), eqs. for the
 * D-type twist: a line evaluated at P = (x_P, y_P) is the sparse Fq12 element
 * c₀·y_P + c₁·x_P·w + c₂·v·w, i.e. non-zero only in coefficients 0, 3 and 4 of the (1, v, v², w, vw, v²w) basis.
 * Lines are correct up to factors in proper subfields, which the final exponentiation removes.
 */
final class MillerLoop {

    /** The BN parameter x. */
    static final BigInteger X = BigInteger.valueOf(4965661367192848881L);

    /** NAF digits of 6x + 2, least significant first; the top digit is 1. */
    private static final int[] ATE_NAF = naf(X.multiply(BigInteger.valueOf(6)).add(BigInteger.TWO));

    private static final Fq TWO_INVERSE = Fq.of(2).inverse();
    private static final Fq2 THREE_B = G2Affine.B.add(G2Affine.B).add(G2Affine.B);

    private MillerLoop() {
    }

    /** ∏ f_{6x+2,Qᵢ}(Pᵢ) · l_{T,ψ(Qᵢ)}(Pᵢ) · l_{T,−ψ²(Qᵢ)}(Pᵢ), skipping pairs with a point at infinity. */
    static Fq12 run(G1Affine[] ps, G2Affine[] qs) {
        if (ps.length != qs.length) {
            throw new IllegalArgumentException("pairing needs as many G1 points as G2 points, got "
                    + ps.length + " G1 and " + qs.length + " G2 points");
        }
        int n = 0;
        for (int i = 0; i < ps.length; i++) {
            if (!ps[i].isInfinity() && !qs[i].isInfinity()) {
                n++;
            }
        }
        G1Affine[] p = new G1Affine[n];
        G2Affine[] q = new G2Affine[n];
        G2Affine[] qNeg = new G2Affine[n];
        Projective[] t = new Projective[n];
        for (int i = 0, k = 0; i < ps.length; i++) {
            if (!ps[i].isInfinity() && !qs[i].isInfinity()) {
                p[k] = ps[i];
                q[k] = qs[i];
                qNeg[k] = qs[i].neg();
                t[k] = new Projective(qs[i].x(), qs[i].y(), Fq2.ONE);
                k++;
            }
        }
        Fq12 f = Fq12.ONE;
        for (int bit = ATE_NAF.length - 2; bit >= 0; bit--) {
            f = f.square();
            for (int k = 0; k < n; k++) {
                f = t[k].doubleStep(f, p[k]);
                if (ATE_NAF[bit] == 1) {
                    f = t[k].addStep(f, q[k], p[k]);
                } else if (ATE_NAF[bit] == -1) {
                    f = t[k].addStep(f, qNeg[k], p[k]);
                }
            }
        }
        for (int k = 0; k < n; k++) {
            G2Affine q1 = q[k].psi();
            G2Affine q2 = q1.psi().neg();
            f = t[k].addStep(f, q1, p[k]);
            f = t[k].addStep(f, q2, p[k]);
        }
        return f;
    }

    /** f · (c₀·y_P + c₁·x_P·w + c₂·v·w). */
    private static Fq12 mulByLine(Fq12 f, Fq2 c0, Fq2 c1, Fq2 c2, G1Affine p) {
        return f.mulBy034(c0.mulByFq(p.y()), c1.mulByFq(p.x()), c2);
    }

    /** Mutable homogeneous projective point (X : Y : Z) of E' standing for (X/Z, Y/Z); private scratch state. */
    private static final class Projective {
        private Fq2 x;
        private Fq2 y;
        private Fq2 z;

        Projective(Fq2 x, Fq2 y, Fq2 z) {
            this.x = x;
            this.y = y;
            this.z = z;
        }

        /** T ← 2T; returns f · l_{T,T}(P) (tangent line). */
        Fq12 doubleStep(Fq12 f, G1Affine p) {
            Fq2 a = x.mul(y).mulByFq(TWO_INVERSE);
            Fq2 b = y.square();
            Fq2 c = z.square();
            Fq2 e = THREE_B.mul(c);
            Fq2 ff = e.add(e).add(e);
            Fq2 g = b.add(ff).mulByFq(TWO_INVERSE);
            Fq2 h = y.add(z).square().sub(b.add(c));
            Fq2 i = e.sub(b);
            Fq2 j = x.square();
            Fq2 e2 = e.square();
            x = a.mul(b.sub(ff));
            y = g.square().sub(e2.add(e2).add(e2));
            z = b.mul(h);
            return mulByLine(f, h.neg(), j.add(j).add(j), i, p);
        }

        /** T ← T + Q for affine Q; returns f · l_{T,Q}(P) (chord). */
        Fq12 addStep(Fq12 f, G2Affine q, G1Affine p) {
            Fq2 theta = y.sub(q.y().mul(z));
            Fq2 lambda = x.sub(q.x().mul(z));
            Fq2 c = theta.square();
            Fq2 d = lambda.square();
            Fq2 e = lambda.mul(d);
            Fq2 ff = z.mul(c);
            Fq2 g = x.mul(d);
            Fq2 h = e.add(ff).sub(g.add(g));
            Fq2 j = theta.mul(q.x()).sub(lambda.mul(q.y()));
            Fq2 yNew = theta.mul(g.sub(h)).sub(e.mul(y));
            x = lambda.mul(h);
            y = yNew;
            z = z.mul(e);
            return mulByLine(f, lambda, theta.neg(), j, p);
        }
    }

    /** Non-adjacent form of k > 0, least significant digit first. */
    private static int[] naf(BigInteger k) {
        int[] digits = new int[k.bitLength() + 1];
        int len = 0;
        while (k.signum() > 0) {
            int d = 0;
            if (k.testBit(0)) {
                d = 2 - (k.intValue() & 3);
                k = k.subtract(BigInteger.valueOf(d));
            }
            digits[len++] = d;
            k = k.shiftRight(1);
        }
        return java.util.Arrays.copyOf(digits, len);
    }
}
