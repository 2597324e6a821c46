package io.zkinfer.algebra.testing;

import io.zkinfer.algebra.field.Fr;

/** Polynomials over Fr the slow, obvious way, as references for the NTT and QAP tests. */
public final class NaivePolynomials {
    private NaivePolynomials() {
    }

    /** A(x) = Σ aⱼ xʲ by Horner's rule. */
    public static Fr evaluate(Fr[] a, Fr x) {
        Fr acc = Fr.ZERO;
        for (int j = a.length - 1; j >= 0; j--) {
            acc = acc.mul(x).add(a[j]);
        }
        return acc;
    }

    /** The coefficients of the polynomial taking values[j] at ωʲ: cᵢ = n⁻¹ Σⱼ vⱼ ω^(−ij), in O(n²). */
    public static Fr[] interpolate(Fr[] values, Fr omega) {
        int n = values.length;
        Fr nInverse = Fr.of(n).inverse();
        Fr omegaInverse = omega.inverse();
        Fr[] c = new Fr[n];
        for (int i = 0; i < n; i++) {
            Fr sum = Fr.ZERO;
            for (int j = 0; j < n; j++) {
                sum = sum.add(values[j].mul(omegaInverse.pow((long) i * j)));
            }
            c[i] = sum.mul(nInverse);
        }
        return c;
    }
}
