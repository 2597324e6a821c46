package io.zkinfer.prover;

import io.zkinfer.algebra.field.Fr;

/**
 * Lagrange basis values at a point τ outside the domain, for setup from known toxic waste.
 * Over the n-th roots of unity ωʲ: Lⱼ(τ) = ωʲ·(τⁿ − 1) / (n·(τ − ωʲ)).
 */
final class LagrangeBasis {

    private LagrangeBasis() {
    }

    /** Lⱼ(τ) for j = 0..2^power − 1 over the 2^power-th roots of unity. */
    static Fr[] at(Fr tau, int power) {
        int n = 1 << power;
        return evaluate(tau, Fr.rootOfUnity(power), Fr.ONE, n, n);
    }

    /**
     * L^{(2n)}_{2j+1}(τ) for j = 0..n−1: the Lagrange basis of the 2n-th roots of unity at the odd indices,
     * n = 2^power. These, divided by δ, are the H query in the snarkjs convention.
     */
    static Fr[] oddOfDouble(Fr tau, int power) {
        int n = 1 << power;
        Fr g = Fr.rootOfUnity(power + 1);
        return evaluate(tau, g.square(), g, 2 * n, n);
    }

    /**
     * Values xⱼ·(τ^size − 1)/(size·(τ − xⱼ)) at xⱼ = start·stepʲ, j = 0..count−1; {@code size} is the order
     * of the full domain the points belong to (which may have twice as many points as are asked for).
     */
    private static Fr[] evaluate(Fr tau, Fr step, Fr start, int size, int count) {
        Fr zTau = tau.pow(size).sub(Fr.ONE);
        if (zTau.isZero()) {
            throw new IllegalArgumentException("tau lies in the evaluation domain; draw new toxic waste");
        }
        Fr[] x = new Fr[count];
        Fr[] den = new Fr[count];
        Fr xi = start;
        for (int j = 0; j < count; j++) {
            x[j] = xi;
            den[j] = tau.sub(xi);
            xi = xi.mul(step);
        }
        batchInvert(den);
        Fr scale = zTau.mul(Fr.of(size).inverse());
        Fr[] out = new Fr[count];
        for (int j = 0; j < count; j++) {
            out[j] = x[j].mul(scale).mul(den[j]);
        }
        return out;
    }

    /** In-place inversion of non-zero elements with one field inversion (Montgomery's trick). */
    static void batchInvert(Fr[] v) {
        Fr[] prefix = new Fr[v.length];
        Fr acc = Fr.ONE;
        for (int i = 0; i < v.length; i++) {
            prefix[i] = acc;
            acc = acc.mul(v[i]);
        }
        Fr inv = acc.inverse();
        for (int i = v.length - 1; i >= 0; i--) {
            Fr vi = v[i];
            v[i] = inv.mul(prefix[i]);
            inv = inv.mul(vi);
        }
    }
}
