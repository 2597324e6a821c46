package io.zkinfer.prover;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.field.FrArithmetic;
import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.circuits.r1cs.CheckResult;
import io.zkinfer.circuits.r1cs.UnsatisfiedWitnessException;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link QapReduction} through a {@link KernelBackend}'s NTT: builds a, b (and c = a·b) on the domain with
 * limb kernels, then for each one inverse NTT, scale coefficient i by gⁱ (g = ω₂ₙ), forward NTT; finally
 * a·b − c pointwise, out of Montgomery form. Six size-n NTTs and no per-element allocation.
 *
 * <p>When the key carries the C matrix (keys made by {@link Groth16Setup}), the witness is checked on the
 * way: a(ωʲ)·b(ωʲ) must equal c(ωʲ) for every row j.
 */
public final class NttQapReduction implements QapReduction {

    private static final int MAX_CACHED_POWER = 20;
    private static final Map<Integer, long[]> COSET_POWERS = new ConcurrentHashMap<>();

    private final KernelBackend backend;

    public NttQapReduction(KernelBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    @Override
    public long[] hScalars(QapCoefficients coefficients, int power, long[] z) {
        int n = 1 << power;
        long[] a = new long[4 * n];
        long[] b = new long[4 * n];
        long[] cCheck = accumulate(coefficients, z, a, b);
        long[] c = new long[4 * n];
        for (int j = 0; j < n; j++) {
            FrArithmetic.mul(a, 4 * j, b, 4 * j, c, 4 * j);
        }
        if (cCheck != null) {
            check(a, b, c, cCheck, n);
        }
        long[] g = cosetPowers(power);
        toOddCoset(a, g);
        toOddCoset(b, g);
        toOddCoset(c, g);
        for (int j = 0; j < n; j++) {
            int o = 4 * j;
            FrArithmetic.mul(a, o, b, o, a, o);
            FrArithmetic.sub(a, o, c, o, a, o);
            FrArithmetic.fromMontgomery(a, o, a, o);
        }
        return a;
    }

    /** Sums the A and B (and C, if present) matrices against z; returns the C rows or null when absent. */
    private static long[] accumulate(QapCoefficients coefs, long[] z, long[] a, long[] b) {
        int[] m = coefs.matrixArray();
        int[] con = coefs.constraintArray();
        int[] sig = coefs.signalArray();
        long[] v = coefs.valueLimbs();
        long[] c = null;
        long[] t = new long[4];
        for (int i = 0; i < m.length; i++) {
            int s = 4 * sig[i];
            if ((z[s] | z[s + 1] | z[s + 2] | z[s + 3]) == 0) {
                continue;
            }
            long[] target;
            if (m[i] == QapCoefficients.A) {
                target = a;
            } else if (m[i] == QapCoefficients.B) {
                target = b;
            } else {
                if (c == null) {
                    c = new long[a.length];
                }
                target = c;
            }
            FrArithmetic.mul(v, 4 * i, z, s, t, 0);
            FrArithmetic.add(target, 4 * con[i], t, 0, target, 4 * con[i]);
        }
        if (c == null && coefs.count(QapCoefficients.C) > 0) {
            c = new long[a.length]; // C matrix present but every term hit a zero wire
        }
        return c;
    }

    private static void check(long[] a, long[] b, long[] ab, long[] c, int n) {
        for (int j = 0; j < n; j++) {
            int o = 4 * j;
            if (ab[o] != c[o] || ab[o + 1] != c[o + 1] || ab[o + 2] != c[o + 2] || ab[o + 3] != c[o + 3]) {
                String message = "constraint " + j + " fails: A·w = " + fr(a, o) + ", B·w = " + fr(b, o)
                        + ", (A·w)(B·w) = " + fr(ab, o) + " but C·w = " + fr(c, o)
                        + "; recompute the witness for this circuit and input";
                throw new UnsatisfiedWitnessException(new CheckResult(CheckResult.Problem.CONSTRAINT_UNSATISFIED, j,
                        List.of(), message));
            }
        }
    }

    private static Fr fr(long[] l, int o) {
        return Fr.fromMontgomeryLimbs(l[o], l[o + 1], l[o + 2], l[o + 3]);
    }

    /** Evaluations on ωʲ → evaluations on g·ωʲ. */
    private void toOddCoset(long[] values, long[] g) {
        backend.ntt(values, true);
        for (int i = 1, n = values.length / 4; i < n; i++) {
            FrArithmetic.mul(values, 4 * i, g, 4 * i, values, 4 * i);
        }
        backend.ntt(values, false);
    }

    /** gⁱ for i = 0..n−1 with g = Fr.rootOfUnity(power + 1), Montgomery limbs; cached per power. */
    static long[] cosetPowers(int power) {
        if (power > MAX_CACHED_POWER) {
            return computeCosetPowers(power);
        }
        return COSET_POWERS.computeIfAbsent(power, NttQapReduction::computeCosetPowers);
    }

    private static long[] computeCosetPowers(int p) {
        {
            int n = 1 << p;
            long[] out = new long[4 * n];
            Fr g = Fr.rootOfUnity(p + 1);
            long[] gl = new long[4];
            g.toMontgomeryLimbs(gl, 0);
            Fr.ONE.toMontgomeryLimbs(out, 0);
            for (int i = 1; i < n; i++) {
                FrArithmetic.mul(out, 4 * (i - 1), gl, 0, out, 4 * i);
            }
            return out;
        }
    }
}
