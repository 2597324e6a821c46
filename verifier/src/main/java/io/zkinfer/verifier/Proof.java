package io.zkinfer.verifier;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;

/**
 * A Groth16 proof {@code π = (A, B, C)} with {@code A, C ∈ G1} and {@code B ∈ G2} (snarkjs names them
 * {@code pi_a}, {@code pi_b}, {@code pi_c}). The constructor re-validates the points — on the curve, and
 * {@code B} in the order-r subgroup — and throws {@link InvalidArtifactException} naming the bad element,
 * so a {@code Proof} value never holds a point an attacker could use for a small-subgroup or
 * invalid-curve attack.
 */
public record Proof(G1Affine a, G2Affine b, G1Affine c) {

    private static final String SOURCE = "proof";

    public Proof {
        PointValidation.requireValid(a, SOURCE, "pi_a");
        PointValidation.requireValid(b, SOURCE, "pi_b");
        PointValidation.requireValid(c, SOURCE, "pi_c");
    }
}
