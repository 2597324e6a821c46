package io.zkinfer.circuits.format;

import java.io.IOException;

/**
 * A circom/snarkjs binary file could not be read: wrong magic or version, a foreign prime, a truncated
 * or malformed section, an unreduced field element, or a failed read of an open file (the cause says
 * why). The message names the file and the section.
 */
public final class InvalidFileException extends IOException {

    public InvalidFileException(String message) {
        super(message);
    }

    public InvalidFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
