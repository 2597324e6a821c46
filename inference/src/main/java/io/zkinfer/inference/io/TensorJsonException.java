package io.zkinfer.inference.io;

/** A tensor JSON file that cannot be used: its message names the file, the key and the mismatch. */
public final class TensorJsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public TensorJsonException(String message) {
        super(message);
    }

    public TensorJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
