package io.zkinfer.verifier;

/**
 * Input that cannot be verified at all, as opposed to a proof that verifies to {@code false}.
 *
 * <p>{@link Groth16Verifier} answers {@code false} for a well-formed proof that does not satisfy the
 * Groth16 equation, and throws a subclass of this exception when there is nothing meaningful to check:
 * a public input that is not a canonical field element or the wrong number of them
 * ({@link InvalidPublicInputException}), or a verifying key, proof or public-signals file that is
 * malformed or holds a point off the curve or outside the prime-order subgroup
 * ({@link InvalidArtifactException}). A command-line front end maps {@code false} to "invalid proof"
 * and this exception to "unusable input". It extends {@link IllegalArgumentException}, so plain Java
 * callers see the conventional type for a bad argument.
 */
public abstract sealed class VerifierInputException extends IllegalArgumentException
        permits InvalidPublicInputException, InvalidArtifactException {

    private static final long serialVersionUID = 1L;

    VerifierInputException(String message) {
        super(message);
    }

    VerifierInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
