package io.zkinfer.server.billing;

/** A call was unknown, or not in a state that allows the operation (e.g. settling a released hold). */
public final class CallStateException extends BillingException {
    public CallStateException(String message) {
        super(message);
    }
}
