package io.zkinfer.circuits.r1cs;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link R1cs#check}: either satisfied, or the first problem found.
 *
 * @param problem            {@link Problem#NONE} when the witness satisfies the system
 * @param failingConstraint  index of the first failing constraint, or -1 when none failed
 *                           (satisfied, or the witness was rejected before any constraint was evaluated)
 * @param involvedWires      for a failing constraint, each wire it uses with its label and value
 *                           (e.g. {@code w3 'main.b' (label 3) = 11}); otherwise empty or the offending wire
 * @param message            one sentence naming the problem; "satisfied …" when there is none
 */
public record CheckResult(Problem problem, int failingConstraint, List<String> involvedWires, String message) {

    /** What went wrong first. */
    public enum Problem {
        /** Every constraint holds. */
        NONE,
        /** The witness does not have exactly numWires non-null values. */
        WRONG_LENGTH,
        /** witness[0] is not 1. */
        CONSTANT_WIRE_NOT_ONE,
        /** A constraint does not hold; see {@code failingConstraint}. */
        CONSTRAINT_UNSATISFIED
    }

    public CheckResult {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(message, "message");
        involvedWires = List.copyOf(involvedWires);
    }

    static CheckResult satisfied(int numConstraints) {
        return new CheckResult(Problem.NONE, -1, List.of(), "satisfied: all " + numConstraints + " constraints hold");
    }

    static CheckResult failure(Problem problem, int constraint, List<String> wires, String message) {
        return new CheckResult(problem, constraint, wires, message);
    }

    /** Whether the witness satisfies the constraint system. */
    public boolean isSatisfied() {
        return problem == Problem.NONE;
    }

    /**
     * Returns normally when satisfied.
     *
     * @throws UnsatisfiedWitnessException carrying this result otherwise
     */
    public void requireSatisfied() {
        if (!isSatisfied()) {
            throw new UnsatisfiedWitnessException(this);
        }
    }
}
