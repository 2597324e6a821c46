package io.zkinfer.prover.model;

import java.io.IOException;

/** A model directory that cannot be used: a file is missing, unreadable or changed; the message says which. */
public final class ModelDirectoryException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelDirectoryException(String message) {
        super(message);
    }

    public ModelDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
