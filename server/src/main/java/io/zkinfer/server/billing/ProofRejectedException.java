package io.zkinfer.server.billing;

/** A proof did not verify, so there is no {@link ProofVerification} and nothing can settle. */
public final class ProofRejectedException extends BillingException {
    public ProofRejectedException(String message) {
        super(message);
    }
}
