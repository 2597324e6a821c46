package io.zkinfer.circuits.builder;

import io.zkinfer.algebra.field.Fr;

/**
 * Replaces the value a gadget gives one of its hint wires, so that a test can play a cheating prover: the builder
 * then carries the rewritten value forward (later hints are computed from it), and the satisfaction check must
 * reject the result. Production code uses {@link #HONEST}.
 */
@FunctionalInterface
public interface HintRewriter {

    /** Keeps every honest value. */
    HintRewriter HONEST = (scope, role, honest) -> honest;

    /**
     * The value to use for a hint.
     *
     * @param scope  the scope path the hint is made in, e.g. {@code conv1/rescale}
     * @param role   the gadget's name for the hint, e.g. {@code q}, {@code r.bit}
     * @param honest the value an honest prover uses
     */
    Fr rewrite(String scope, String role, Fr honest);
}
