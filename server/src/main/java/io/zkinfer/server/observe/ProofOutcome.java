package io.zkinfer.server.observe;

import io.zkinfer.api.v1.ProofJobState;

/** How a proof job ended (the terminal {@code ProofJobState}s), as the {@code outcome} label shows it. */
public enum ProofOutcome {
    /** Proven and verified; the held charge settled. */
    SUCCEEDED("succeeded"),
    /** Proving failed; the held charge was released. */
    FAILED("failed"),
    /** The job outlived its time limit; the held charge was released. */
    EXPIRED("expired");

    private final String label;

    ProofOutcome(String label) {
        this.label = label;
    }

    /** The outcome a terminal {@code state} stands for; IllegalArgumentException for a job not yet ended. */
    public static ProofOutcome of(ProofJobState state) {
        return switch (state) {
            case PROOF_JOB_STATE_SUCCEEDED -> SUCCEEDED;
            case PROOF_JOB_STATE_FAILED -> FAILED;
            case PROOF_JOB_STATE_EXPIRED -> EXPIRED;
            default -> throw new IllegalArgumentException("proof job state " + state + " has not ended");
        };
    }

    /** The label value. */
    public String label() {
        return label;
    }
}
