package io.zkinfer.server.billing;

/** An idempotency key was reused with different parameters; nothing was written. */
public final class IdempotencyConflictException extends BillingException {
    public IdempotencyConflictException(String key, String firstOperation, String operation) {
        super("idempotency key '" + key + "' was first used for " + firstOperation + " with other parameters; this "
                + operation + " call differs, so it is refused: use a new key for a new call");
    }
}
