package io.zkinfer.server.billing;

import java.time.Instant;
import java.util.Objects;

/**
 * Evidence that a proof verified: the only way to settle a held call. Its constructor is private and its one
 * factory, {@link #verify}, runs the verifier and returns a value only when the proof verified, so code that has not
 * verified a proof holds no {@code ProofVerification} and cannot call {@link Billing#settle}.
 */
public final class ProofVerification {

    private final ProofClaim claim;
    private final Instant verifiedAt;

    private ProofVerification(ProofClaim claim, Instant verifiedAt) {
        this.claim = claim;
        this.verifiedAt = verifiedAt;
    }

    /**
     * Runs {@code verifier} on {@code claim}: the verification when it accepts, else {@link ProofRejectedException}.
     */
    public static ProofVerification verify(ProofVerifier verifier, ProofClaim claim, Instant now) {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(claim, "claim");
        if (!verifier.verify(claim)) {
            throw new ProofRejectedException("proof for call " + claim.callId() + " (model '" + claim.modelId() + "' version "
                    + claim.modelVersion() + ") did not verify; the hold stays until released or expired");
        }
        return new ProofVerification(claim, now);
    }

    public ProofClaim claim() {
        return claim;
    }

    public Instant verifiedAt() {
        return verifiedAt;
    }
}
