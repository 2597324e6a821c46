package io.zkinfer.verifier;

/**
 * A public input that the verifier refuses to use: not a canonical element of the BN254 scalar field
 * {@code [0, r)} (the verifier never reduces modulo r silently, since {@code x} and {@code x + r} would
 * otherwise both "verify"), not a decimal integer, or the wrong number of public inputs for the
 * verifying key.
 */
public final class InvalidPublicInputException extends VerifierInputException {

    private static final long serialVersionUID = 1L;

    /** Index used by {@link #index()} when the problem is the number of inputs, not one input. */
    public static final int NO_INDEX = -1;

    private final int index;

    InvalidPublicInputException(int index, String message) {
        super(message);
        this.index = index;
    }

    static InvalidPublicInputException wrongCount(int expected, int given) {
        return new InvalidPublicInputException(NO_INDEX, "expected " + expected
                + " public input" + (expected == 1 ? "" : "s") + " (the verifying key's nPublic), given "
                + given);
    }

    /** The zero-based index of the offending public input, or {@link #NO_INDEX} for a count mismatch. */
    public int index() {
        return index;
    }
}
