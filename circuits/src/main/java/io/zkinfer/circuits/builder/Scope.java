package io.zkinfer.circuits.builder;

/**
 * A named region of a circuit under construction, opened by {@link CircuitBuilder#scope} and closed by
 * {@link #close} (use try-with-resources). Constraints and wires made while it is the innermost open scope count
 * towards it in {@link Circuit#statistics()}, and a failed satisfaction check names it. Scopes of the same name
 * under the same parent are one scope, so a layer that opens {@code relu} per element reports one total.
 */
public final class Scope implements AutoCloseable {

    private final CircuitBuilder builder;
    private final int id;
    private final int previous;
    private boolean closed;

    Scope(CircuitBuilder builder, int id, int previous) {
        this.builder = builder;
        this.id = id;
        this.previous = previous;
    }

    /** The scope's path, its names from the outermost joined by {@code /}. */
    public String path() {
        return builder.scopePath(id);
    }

    /**
     * Makes the enclosing scope current again.
     *
     * @throws IllegalStateException if a scope opened inside this one is still open
     */
    @Override
    public void close() {
        if (!closed) {
            builder.closeScope(id, previous);
            closed = true;
        }
    }
}
