package io.zkinfer.algebra.pairing;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fq12;
import io.zkinfer.algebra.field.Fq2;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The optimal ate Miller loop for BN254 over the loop parameter 6x + 2 (x = 4965661367192848881) in signed
 * (NAF) digits, followed by the two Frobenius-twisted additions of Q₁ = ψ(Q) and −Q₂ = −ψ²(Q).
 *
 * <p>The G2 side does not depend on P, so it runs once per Q ({@link #prepare}) and records each line as three Fq2
 * coefficients; the loop over P then only evaluates lines. The running point T ∈ E'(Fq2) is kept in homogeneous
 * projective coordinates with the doubling and addition steps of Costello, Lange and Naehrig (PKC 2010) in the
 * form of Aranha, Karabina, Longa, Gebotys and López (EUROCRYPT 2011) / Beuchat et al. (Pairing 2010, eqs. for the
 * D-type twist): a line evaluated at P = (x_P, y_P) is the sparse Fq12 element c₀·y_P + c₁·x_P·w + c₂·v·w, i.e.
 * non-zero only in coefficients 0, 3 and 4 of the (1, v, v², w, vw, v²w) basis ({@link Fq12#mulBy034}). Lines are
 * correct up to factors in proper subfields, which the final exponentiation removes.
 */
final class MillerLoop {

    /** The BN parameter x. */
    static final BigInteger X = BigInteger.valueOf(4965661367192848881L);

    /** NAF digits of 6x + 2, least significant first; the top digit is 1. */
    private static final int[] ATE_NAF = naf(X.multiply(BigInteger.valueOf(6)).add(BigInteger.TWO));

    /** Number of lines per prepared point: one per doubling, one per non-zero digit, two final additions. */
    static final int LINES;

    static {
        int lines = 2;
        for (int i = ATE_NAF.length - 2; i >= 0; i--) {
            lines += ATE_NAF[i] == 0 ? 1 : 2;
        }
        LINES = lines;
    }

    private static final Fq TWO_INVERSE = Fq.of(2).inverse();
    private static final Fq2 THREE_B = G2Affine.B.add(G2Affine.B).add(G2Affine.B);

    private MillerLoop() {
    }

    /** The line coefficients (c₀, c₁, c₂)ᵢ for Q in loop order, flattened; Q must not be infinity. */
    static Fq2[] prepare(G2Affine q) {
        Fq2[] coeffs = new Fq2[3 * LINES];
        Projective t = new Projective(q.x(), q.y(), Fq2.ONE);
        G2Affine qNeg = q.neg();
        int at = 0;
        for (int bit = ATE_NAF.length - 2; bit >= 0; bit--) {
            at = t.doubleStep(coeffs, at);
            if (ATE_NAF[bit] == 1) {
                at = t.addStep(coeffs, at, q);
            } else if (ATE_NAF[bit] == -1) {
                at = t.addStep(coeffs, at, qNeg);
            }
        }
        G2Affine q1 = q.psi();
        G2Affine q2 = q1.psi().neg();
        at = t.addStep(coeffs, at, q1);
        at = t.addStep(coeffs, at, q2);
        if (at != coeffs.length) {
            throw new IllegalStateException("Miller loop produced " + at / 3 + " lines, expected " + LINES);
        }
        return coeffs;
    }

    /** ∏ f_{6x+2,Qᵢ}(Pᵢ) · l_{T,ψ(Qᵢ)}(Pᵢ) · l_{T,−ψ²(Qᵢ)}(Pᵢ), skipping pairs with a point at infinity. */
    static Fq12 run(G1Affine[] ps, PreparedG2[] qs) {
        if (ps.length != qs.length) {
            throw new IllegalArgumentException("pairing needs as many G1 points as G2 points, got "
                    + ps.length + " G1 and " + qs.length + " G2 points");
        }
        G1Affine[] p = new G1Affine[ps.length];
        Fq2[][] lines = new Fq2[ps.length][];
        int n = 0;
        for (int i = 0; i < ps.length; i++) {
            if (!ps[i].isInfinity() && !qs[i].isInfinity()) {
                p[n] = ps[i];
                lines[n] = qs[i].lines();
                n++;
            }
        }
        Fq12 f = Fq12.ONE;
        int at = 0;
        for (int bit = ATE_NAF.length - 2; bit >= 0; bit--) {
            f = f.square();
            f = evaluate(f, lines, p, n, at);
            at += 3;
            if (ATE_NAF[bit] != 0) {
                f = evaluate(f, lines, p, n, at);
                at += 3;
            }
        }
        f = evaluate(f, lines, p, n, at);
        return evaluate(f, lines, p, n, at + 3);
    }

    /** f · ∏ₖ lₖ(Pₖ) for the line at offset {@code at} of each of the n pairs. */
    private static Fq12 evaluate(Fq12 f, Fq2[][] lines, G1Affine[] p, int n, int at) {
        for (int k = 0; k < n; k++) {
            Fq2[] c = lines[k];
            f = f.mulBy034(c[at].mulByFq(p[k].y()), c[at + 1].mulByFq(p[k].x()), c[at + 2]);
        }
        return f;
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

        /** T ← 2T; stores the tangent line (−2YZ, 3X², 3b'Z² − Y²) at {@code at}; returns the next offset. */
        int doubleStep(Fq2[] out, int at) {
            Fq2 a = x.mul(y).mulByFq(TWO_INVERSE);
            Fq2 b = y.square();
            Fq2 c = z.square();
            Fq2 e = THREE_B.mul(c);
            Fq2 f = e.add(e).add(e);
            Fq2 g = b.add(f).mulByFq(TWO_INVERSE);
            Fq2 h = y.add(z).square().sub(b.add(c));
            Fq2 i = e.sub(b);
            Fq2 j = x.square();
            Fq2 e2 = e.square();
            x = a.mul(b.sub(f));
            y = g.square().sub(e2.add(e2).add(e2));
            z = b.mul(h);
            out[at] = h.neg();
            out[at + 1] = j.add(j).add(j);
            out[at + 2] = i;
            return at + 3;
        }

        /** T ← T + Q for affine Q; stores the chord (λ, −θ, θ·x_Q − λ·y_Q) at {@code at}; returns the next offset. */
        int addStep(Fq2[] out, int at, G2Affine q) {
            Fq2 theta = y.sub(q.y().mul(z));
            Fq2 lambda = x.sub(q.x().mul(z));
            Fq2 c = theta.square();
            Fq2 d = lambda.square();
            Fq2 e = lambda.mul(d);
            Fq2 f = z.mul(c);
            Fq2 g = x.mul(d);
            Fq2 h = e.add(f).sub(g.add(g));
            Fq2 j = theta.mul(q.x()).sub(lambda.mul(q.y()));
            y = theta.mul(g.sub(h)).sub(e.mul(y));
            x = lambda.mul(h);
            z = z.mul(e);
            out[at] = lambda;
            out[at + 1] = theta.neg();
            out[at + 2] = j;
            return at + 3;
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
        return Arrays.copyOf(digits, len);
    }
}
