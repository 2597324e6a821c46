package io.zkinfer.verifier;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import java.util.List;

/**
 * A Groth16 verifying key {@code ([α]₁, [β]₂, [γ]₂, [δ]₂, IC)} where
 * {@code IC[i] = [(β·uᵢ(τ) + α·vᵢ(τ) + wᵢ(τ)) / γ]₁} for the constant wire {@code i = 0} and the
 * {@code nPublic} public signals {@code i = 1..nPublic}; so {@code ic.size() == nPublic() + 1}.
 *
 * <p>The constructor validates every point (on the curve; G2 points in the order-r subgroup) and refuses
 * the identity for α, β, γ, δ, throwing {@link InvalidArtifactException} that names the element
 * ({@code vk_alpha_1}, {@code IC[3]}, … — the snarkjs field names).
 */
public record VerifyingKey(G1Affine alpha, G2Affine beta, G2Affine gamma, G2Affine delta, List<G1Affine> ic) {

    private static final String SOURCE = "verifying key";

    public VerifyingKey {
        PointValidation.requireValid(alpha, SOURCE, "vk_alpha_1");
        PointValidation.requireValid(beta, SOURCE, "vk_beta_2");
        PointValidation.requireValid(gamma, SOURCE, "vk_gamma_2");
        PointValidation.requireValid(delta, SOURCE, "vk_delta_2");
        PointValidation.requireNotInfinity(alpha.isInfinity(), SOURCE, "vk_alpha_1");
        PointValidation.requireNotInfinity(beta.isInfinity(), SOURCE, "vk_beta_2");
        PointValidation.requireNotInfinity(gamma.isInfinity(), SOURCE, "vk_gamma_2");
        PointValidation.requireNotInfinity(delta.isInfinity(), SOURCE, "vk_delta_2");
        if (ic == null || ic.isEmpty()) {
            throw new InvalidArtifactException(SOURCE, "IC", "must hold nPublic + 1 >= 1 points, has "
                    + (ic == null ? "none (null)" : "0"));
        }
        for (int i = 0; i < ic.size(); i++) {
            PointValidation.requireValid(ic.get(i), SOURCE, "IC[" + i + "]");
        }
        ic = List.copyOf(ic);
    }

    /** The number of public signals (outputs and public inputs) this key verifies: {@code ic().size() - 1}. */
    public int nPublic() {
        return ic.size() - 1;
    }

    /** This key with its pairing-side values precomputed, for verifying many proofs. */
    public PreparedVerifyingKey prepare() {
        return PreparedVerifyingKey.of(this);
    }
}
