package io.zkinfer.prover;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.spi.QapMatrices;

import java.util.Objects;

/**
 * The sparse QAP matrices of a proving key as a flat list of entries (matrix, constraint, signal, value),
 * exactly the snarkjs {@code .zkey} "coefs" section: matrix 0 is A, 1 is B, 2 is C. snarkjs keys carry only
 * A and B (the prover derives C = A·B on the domain); our own keys also carry C so the prover can check the
 * witness and name the failing constraint. Entries include snarkjs's extra A rows
 * {@code (0, nConstraints + i, i, 1)} for i = 0..nPublic that bind the public signals.
 *
 * <p>Values are held as 4-limb little-endian Montgomery limbs of the true coefficient (not the doubly
 * scaled bytes the {@code .zkey} stores). Immutable: the arrays are held in a {@link QapMatrices}, which goes to
 * the kernel backends as it is and which nothing modifies.
 */
public final class QapCoefficients {

    /** Matrix ids as in the snarkjs coefs section. */
    public static final int A = QapMatrices.A, B = QapMatrices.B, C = QapMatrices.C;

    private final QapMatrices matrices;

    /** @throws IllegalArgumentException when the arrays disagree in length or an entry is invalid ({@link QapMatrices}) */
    QapCoefficients(int[] matrix, int[] constraint, int[] signal, long[] values) {
        this.matrices = new QapMatrices(matrix, constraint, signal, values);
    }

    /** Number of entries. */
    public int size() {
        return matrices.size();
    }

    public int matrix(int i) {
        return matrices.matrixIds()[i];
    }

    public int constraint(int i) {
        return matrices.rows()[i];
    }

    public int signal(int i) {
        return matrices.columns()[i];
    }

    public Fr value(int i) {
        long[] v = matrices.valueLimbs();
        return Fr.fromMontgomeryLimbs(v[4 * i], v[4 * i + 1], v[4 * i + 2], v[4 * i + 3]);
    }

    /** Number of entries belonging to {@code m}. */
    public int count(int m) {
        int n = 0;
        for (int x : matrices.matrixIds()) {
            if (x == m) {
                n++;
            }
        }
        return n;
    }

    /** The entries in the kernel backends' layout, where they are held. */
    QapMatrices matrices() {
        return matrices;
    }

    int[] matrixArray() {
        return matrices.matrixIds();
    }

    int[] constraintArray() {
        return matrices.rows();
    }

    int[] signalArray() {
        return matrices.columns();
    }

    long[] valueLimbs() {
        return matrices.valueLimbs();
    }

    /** Growable builder used by setup and the file readers. */
    static final class Builder {
        private int[] matrix = new int[16];
        private int[] constraint = new int[16];
        private int[] signal = new int[16];
        private long[] values = new long[64];
        private int n;

        Builder add(int m, int c, int s, Fr value) {
            Objects.requireNonNull(value, "value");
            ensure();
            value.toMontgomeryLimbs(values, 4 * n);
            return put(m, c, s);
        }

        Builder addLimbs(int m, int c, int s, long l0, long l1, long l2, long l3) {
            ensure();
            values[4 * n] = l0;
            values[4 * n + 1] = l1;
            values[4 * n + 2] = l2;
            values[4 * n + 3] = l3;
            return put(m, c, s);
        }

        private Builder put(int m, int c, int s) {
            matrix[n] = m;
            constraint[n] = c;
            signal[n] = s;
            n++;
            return this;
        }

        private void ensure() {
            if (n == matrix.length) {
                int cap = matrix.length * 2;
                matrix = java.util.Arrays.copyOf(matrix, cap);
                constraint = java.util.Arrays.copyOf(constraint, cap);
                signal = java.util.Arrays.copyOf(signal, cap);
                values = java.util.Arrays.copyOf(values, 4 * cap);
            }
        }

        QapCoefficients build() {
            return new QapCoefficients(java.util.Arrays.copyOf(matrix, n), java.util.Arrays.copyOf(constraint, n),
                    java.util.Arrays.copyOf(signal, n), java.util.Arrays.copyOf(values, 4 * n));
        }
    }
}
