package io.zkinfer.server.billing;

/** A billing call refused; nothing was written. The message names what was refused and what to do. */
public class BillingException extends RuntimeException {
    public BillingException(String message) {
        super(message);
    }
}
