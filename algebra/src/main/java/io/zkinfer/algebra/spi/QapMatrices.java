package io.zkinfer.algebra.spi;

import java.util.Objects;

/**
 * The sparse R1CS matrices A, B and (optionally) C that a QAP-based prover reduces, as one flat list of entries
 * (matrix, row, column, value), the layout of the snarkjs {@code .zkey} "coefs" section: matrix {@link #A} = 0,
 * {@link #B} = 1, {@link #C} = 2; the row is a constraint (a point of the evaluation domain), the column a wire of
 * the witness, the value a coefficient as 4 little-endian limbs in Montgomery form, fully reduced.
 *
 * <p>The arrays are shared with the caller, not copied: neither side may change them once they are here. The
 * layout lets a backend hand them to native code whole ({@link KernelBackend#qapQuotient}).
 */
public final class QapMatrices {

    /** Matrix ids, as in the snarkjs coefs section. */
    public static final int A = 0, B = 1, C = 2;
    /** The largest domain, 2^27 rows: the odd coset uses a 2^28-th root of unity, the largest in BN254 Fr. */
    public static final int MAX_LOG2_DOMAIN = 27;

    private final int[] matrix;
    private final int[] row;
    private final int[] column;
    private final long[] values;
    private final int rowBound;
    private final int columnBound;
    private final int widestEntry;
    private final int deepestEntry;
    private final boolean hasC;

    /**
     * @throws IllegalArgumentException when the arrays disagree in length, or an entry names a matrix other than
     *     A, B or C, or a negative row or column
     */
    public QapMatrices(int[] matrix, int[] row, int[] column, long[] values) {
        this.matrix = Objects.requireNonNull(matrix, "matrix");
        this.row = Objects.requireNonNull(row, "row");
        this.column = Objects.requireNonNull(column, "column");
        this.values = Objects.requireNonNull(values, "values");
        int n = matrix.length;
        if (row.length != n || column.length != n || values.length != 4L * n) {
            throw new IllegalArgumentException("QAP matrices: " + n + " matrix ids, " + row.length + " rows, "
                    + column.length + " columns and " + values.length + " value limbs; expected one row, one column"
                    + " and 4 limbs for each entry");
        }
        int maxRow = -1, maxColumn = -1, deepest = -1, widest = -1;
        boolean c = false;
        for (int i = 0; i < n; i++) {
            if (matrix[i] < A || matrix[i] > C || row[i] < 0 || column[i] < 0) {
                throw new IllegalArgumentException("QAP matrix entry " + i + " (matrix " + matrix[i] + ", row "
                        + row[i] + ", column " + column[i] + ") is invalid: the matrix must be 0 (A), 1 (B) or 2 (C)"
                        + " and the row and column non-negative");
            }
            c |= matrix[i] == C;
            if (row[i] > maxRow) {
                maxRow = row[i];
                deepest = i;
            }
            if (column[i] > maxColumn) {
                maxColumn = column[i];
                widest = i;
            }
        }
        this.rowBound = maxRow + 1;
        this.columnBound = maxColumn + 1;
        this.deepestEntry = deepest;
        this.widestEntry = widest;
        this.hasC = c;
    }

    /** Number of entries. */
    public int size() {
        return matrix.length;
    }

    /** Whether any entry belongs to C (keys made by snarkjs carry only A and B). */
    public boolean hasC() {
        return hasC;
    }

    /**
     * Checks that {@code witness} holds whole wires (4 limbs each) and that every entry fits it and a domain of
     * 2^log2n rows, log2n ≤ {@value #MAX_LOG2_DOMAIN}.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    public void requireFits(int log2n, long[] witness) {
        if (witness.length % 4 != 0) {
            throw new IllegalArgumentException("QAP witness length " + witness.length
                    + " is not a multiple of 4 (4 Montgomery limbs per wire)");
        }
        requireFits(log2n, witness.length / 4);
    }

    /** {@link #requireFits(int, long[])} for a witness of {@code wires} values. */
    public void requireFits(int log2n, int wires) {
        if (log2n < 0 || log2n > MAX_LOG2_DOMAIN) {
            throw new IllegalArgumentException("QAP domain 2^" + log2n + " is out of range: its odd coset needs a"
                    + " primitive 2^(log2n + 1)-th root of unity, and BN254 Fr has them up to 2^28");
        }
        if (rowBound > 1 << log2n) {
            throw new IllegalArgumentException("QAP matrix entry " + deepestEntry + " is on row " + (rowBound - 1)
                    + ", outside the domain of " + (1 << log2n) + " rows");
        }
        if (columnBound > wires) {
            throw new IllegalArgumentException("QAP matrix entry " + widestEntry + " is in column "
                    + (columnBound - 1) + ", but the witness has " + wires + " wires");
        }
    }

    /** The matrix ids (do not modify). */
    public int[] matrixIds() {
        return matrix;
    }

    /** The rows (constraints) of the entries (do not modify). */
    public int[] rows() {
        return row;
    }

    /** The columns (wires) of the entries (do not modify). */
    public int[] columns() {
        return column;
    }

    /** The values, 4 Montgomery limbs per entry (do not modify). */
    public long[] valueLimbs() {
        return values;
    }
}
