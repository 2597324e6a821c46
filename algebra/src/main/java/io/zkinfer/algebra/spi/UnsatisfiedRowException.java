package io.zkinfer.algebra.spi;

/**
 * Thrown by {@link KernelBackend#qapQuotient} when the matrices hold C and a row's (A·z)(B·z) differs from its
 * C·z: the witness does not satisfy that constraint. It is the caller's error, so it is never retried on another
 * backend; the caller names the constraint from {@link #row()}.
 */
public final class UnsatisfiedRowException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int row;

    public UnsatisfiedRowException(int row) {
        super("the witness does not satisfy row " + row + " of the QAP: (A·z)(B·z) ≠ C·z there");
        this.row = row;
    }

    /** The first row, in domain order, that the witness does not satisfy. */
    public int row() {
        return row;
    }
}
