package io.zkinfer.verifier;

import java.util.Objects;

/**
 * A verifying key, proof or public-signals document that cannot be used: not JSON, a missing field,
 * the wrong protocol or curve, a malformed decimal, or a point that is not on the curve or (for G2) not
 * in the order-r subgroup. The message names the document and the element, e.g.
 * {@code "proof.json: pi_b: ... not in the order-r subgroup of G2"}.
 */
public final class InvalidArtifactException extends VerifierInputException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String element;
    private final String problem;

    InvalidArtifactException(String source, String element, String problem) {
        this(source, element, problem, null);
    }

    InvalidArtifactException(String source, String element, String problem, Throwable cause) {
        super(format(source, element, problem), cause);
        this.source = Objects.requireNonNull(source, "source");
        this.element = element;
        this.problem = problem;
    }

    private static String format(String source, String element, String problem) {
        return source + ": " + (element == null ? "" : element + ": ") + problem;
    }

    /** The document that was being read, e.g. a file name, {@code "proof"} or {@code "verifying key"}. */
    public String source() {
        return source;
    }

    /** What is wrong with the element, without the source and element prefix. */
    public String problem() {
        return problem;
    }

    /** The element that is bad, e.g. {@code "pi_a"} or {@code "IC[3]"}; {@code null} for the whole document. */
    public String element() {
        return element;
    }
}
