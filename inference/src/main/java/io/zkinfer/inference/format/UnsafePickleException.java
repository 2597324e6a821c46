package io.zkinfer.inference.format;

/**
 * A pickle in a TorchScript archive references a global outside {@link PickleSafetyScan#ALLOWED_GLOBALS}: loading it
 * with Python's unpickler would import that global and could call it, i.e. run code. {@link #global()} is the
 * offending {@code module.name}, {@link #entry()} the archive entry it was found in.
 */
public final class UnsafePickleException extends ModelValidationException {

    private final String global;
    private final String entry;

    public UnsafePickleException(String message, String global, String entry) {
        super(message);
        this.global = global;
        this.entry = entry;
    }

    /** The first offending global as {@code module.name}. */
    public String global() {
        return global;
    }

    /** The archive entry (pickle) it was found in. */
    public String entry() {
        return entry;
    }
}
