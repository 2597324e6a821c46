package io.zkinfer.circuits.r1cs;

/** A witness does not satisfy an R1CS; {@link #result()} says where. */
public final class UnsatisfiedWitnessException extends IllegalArgumentException {

    private final transient CheckResult result;

    public UnsatisfiedWitnessException(CheckResult result) {
        super("witness does not satisfy the R1CS: " + result.message());
        this.result = result;
    }

    /** The failed check. */
    public CheckResult result() {
        return result;
    }
}
