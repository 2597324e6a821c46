package io.zkinfer.server.observe;

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

    /** The label value. */
    public String label() {
        return label;
    }
}
