package io.zkinfer.prover;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.field.FrArithmetic;
import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.UnsatisfiedRowException;
import io.zkinfer.circuits.r1cs.CheckResult;
import io.zkinfer.circuits.r1cs.UnsatisfiedWitnessException;

import java.util.List;
import java.util.Objects;

/**
 * {@link QapReduction} on a {@link KernelBackend}: the whole step is the backend's
 * {@link KernelBackend#qapQuotient} (six size-n NTTs and the pointwise work around them; one native call on the
 * native backend). When the key carries the C matrix (keys made by {@link Groth16Setup}), the witness is checked
 * on the way, and a failing row becomes an {@link UnsatisfiedWitnessException} that names the constraint and its
 * values.
 */
public final class NttQapReduction implements QapReduction {

    private final KernelBackend backend;

    public NttQapReduction(KernelBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    @Override
    public long[] hScalars(QapCoefficients coefficients, int power, long[] z) {
        try {
            return backend.qapQuotient(coefficients.matrices(), z, power);
        } catch (UnsatisfiedRowException e) {
            throw unsatisfied(coefficients, z, e.row());
        }
    }

    /** The error for constraint {@code row}, with its A·w, B·w and C·w recomputed from the entries. */
    private static UnsatisfiedWitnessException unsatisfied(QapCoefficients coefs, long[] z, int row) {
        long[][] sums = {new long[4], new long[4], new long[4]};
        long[] t = new long[4];
        int[] m = coefs.matrixArray();
        int[] con = coefs.constraintArray();
        int[] sig = coefs.signalArray();
        long[] v = coefs.valueLimbs();
        for (int i = 0; i < m.length; i++) {
            if (con[i] == row) {
                FrArithmetic.mul(v, 4 * i, z, 4 * sig[i], t, 0);
                FrArithmetic.add(sums[m[i]], 0, t, 0, sums[m[i]], 0);
            }
        }
        Fr a = fr(sums[QapCoefficients.A]);
        Fr b = fr(sums[QapCoefficients.B]);
        String message = "constraint " + row + " fails: A·w = " + a + ", B·w = " + b + ", (A·w)(B·w) = " + a.mul(b)
                + " but C·w = " + fr(sums[QapCoefficients.C]) + "; recompute the witness for this circuit and input";
        return new UnsatisfiedWitnessException(new CheckResult(CheckResult.Problem.CONSTRAINT_UNSATISFIED, row,
                List.of(), message));
    }

    private static Fr fr(long[] l) {
        return Fr.fromMontgomeryLimbs(l[0], l[1], l[2], l[3]);
    }
}
