package io.zkinfer.algebra.spi;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.field.FrArithmetic;

/**
 * {@link KernelBackend#qapQuotient} in Java, on a backend's NTTs: the default every backend inherits, and so the
 * reference the native kernels are tested against. Builds a = A·z, b = B·z (and C·z when C is present) on the
 * domain with limb arithmetic, checks a·b = C·z row by row, sets c = a·b, takes each of a, b, c to the odd coset
 * with an inverse NTT and a coset NTT, and returns a·b − c there, out of Montgomery form. Six size-n NTTs.
 */
final class QapQuotient {
    private QapQuotient() {
    }

    static long[] compute(QapMatrices matrices, long[] witness, int log2n, KernelBackend ntts) {
        matrices.requireFits(log2n, witness);
        int n = 1 << log2n;
        long[] a = new long[4 * n];
        long[] b = new long[4 * n];
        long[] cz = matrices.hasC() ? new long[4 * n] : null;
        accumulate(matrices, witness, a, b, cz);
        long[] c = new long[4 * n];
        for (int j = 0; j < n; j++) {
            FrArithmetic.mul(a, 4 * j, b, 4 * j, c, 4 * j);
        }
        if (cz != null) {
            requireSatisfied(c, cz, n);
        }
        Fr shift = Fr.rootOfUnity(log2n + 1);
        toOddCoset(a, shift, ntts);
        toOddCoset(b, shift, ntts);
        toOddCoset(c, shift, ntts);
        for (int j = 0; j < n; j++) {
            int o = 4 * j;
            FrArithmetic.mul(a, o, b, o, a, o);
            FrArithmetic.sub(a, o, c, o, a, o);
            FrArithmetic.fromMontgomery(a, o, a, o);
        }
        return a;
    }

    /** Adds each entry's value·z[column] to its matrix's row; entries on a zero wire are skipped. */
    private static void accumulate(QapMatrices m, long[] z, long[] a, long[] b, long[] c) {
        int[] ids = m.matrixIds();
        int[] rows = m.rows();
        int[] columns = m.columns();
        long[] v = m.valueLimbs();
        long[] t = new long[4];
        for (int i = 0; i < ids.length; i++) {
            int s = 4 * columns[i];
            if ((z[s] | z[s + 1] | z[s + 2] | z[s + 3]) == 0) {
                continue;
            }
            long[] target = ids[i] == QapMatrices.A ? a : ids[i] == QapMatrices.B ? b : c;
            FrArithmetic.mul(v, 4 * i, z, s, t, 0);
            FrArithmetic.add(target, 4 * rows[i], t, 0, target, 4 * rows[i]);
        }
    }

    private static void requireSatisfied(long[] ab, long[] cz, int n) {
        for (int j = 0; j < n; j++) {
            int o = 4 * j;
            if (ab[o] != cz[o] || ab[o + 1] != cz[o + 1] || ab[o + 2] != cz[o + 2] || ab[o + 3] != cz[o + 3]) {
                throw new UnsatisfiedRowException(j);
            }
        }
    }

    /** Evaluations on ωʲ → evaluations on shift·ωʲ. */
    private static void toOddCoset(long[] values, Fr shift, KernelBackend ntts) {
        ntts.ntt(values, true);
        ntts.cosetNtt(values, shift, false);
    }
}
