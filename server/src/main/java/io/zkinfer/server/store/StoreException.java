package io.zkinfer.server.store;

/** The database failed (not a refused call): the transaction was rolled back and nothing was written. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
