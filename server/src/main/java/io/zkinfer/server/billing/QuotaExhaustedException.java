package io.zkinfer.server.billing;

/** The account's plan allows no more calls this month; nothing was written. */
public final class QuotaExhaustedException extends BillingException {
    public QuotaExhaustedException(String message) {
        super(message);
    }
}
