package io.zkinfer.inference.format;

/**
 * A model file or directory that is refused: not a format zkinfer recognises, structurally broken, beyond the
 * {@link ValidationLimits}, or unsafe to load. The message names the file, the part at fault and what to do.
 */
public class ModelValidationException extends RuntimeException {

    public ModelValidationException(String message) {
        super(message);
    }

    public ModelValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
