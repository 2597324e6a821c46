package io.zkinfer.circuits.compile;

import java.util.Locale;

/**
 * A model whose circuit would exceed the compiler's limit on constraints ({@link ModelCompiler#DEFAULT_MAX_CONSTRAINTS}
 * unless given), refused before anything is built: the one-line message names the model, its
 * {@link CircuitSizeEstimate}, the limit, the three most expensive nodes with their estimates, and what it would
 * take to prove it.
 */
public final class CircuitTooLargeException extends IllegalArgumentException {

    private final transient CircuitSizeEstimate estimate;
    private final long limit;

    /**
     * @param estimate the model's estimate, above {@code limit}
     * @param limit    the most constraints the compiler was allowed
     */
    public CircuitTooLargeException(CircuitSizeEstimate estimate, long limit) {
        super(String.format(Locale.ROOT, "model '%s' needs about %,d constraints (estimated for %s), more than the"
                        + " limit of %,d; most expensive: %s; to prove it, use a smaller input shape, fewer activation"
                        + " bits (8 instead of 16), or a larger limit ('zkinfer compile --max-constraints N') on a"
                        + " machine with the memory (its Groth16 proving key alone would be about %.1f GiB, and"
                        + " the prover needs as much again), or a proof system for large models (a later backend,"
                        + " see ARCHITECTURE.md)", estimate.model(), estimate.constraints(), estimate.visibility(),
                limit, estimate.describeMostExpensive(3), estimate.provingKeyGib()));
        this.estimate = estimate;
        this.limit = limit;
    }

    /** The refused model's estimate. */
    public CircuitSizeEstimate estimate() {
        return estimate;
    }

    /** The limit it exceeds. */
    public long limit() {
        return limit;
    }
}
