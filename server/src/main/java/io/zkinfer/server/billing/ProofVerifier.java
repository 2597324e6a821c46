package io.zkinfer.server.billing;

/** Checks a proof claim against the registered model's verifying key (Groth16 in the server). */
@FunctionalInterface
public interface ProofVerifier {
    /** Whether {@code claim}'s proof verifies. */
    boolean verify(ProofClaim claim);
}
