package io.zkinfer.circuits.builder;

/**
 * What one scope of a built circuit costs.
 *
 * @param path              the scope's path ({@code ""} for the circuit itself, else e.g. {@code conv1/rescale})
 * @param depth             0 for the circuit, 1 for a top-level scope, …
 * @param ownConstraints    constraints made while this scope was the innermost open one
 * @param totalConstraints  {@code ownConstraints} plus those of every scope nested inside it
 * @param ownWires          wires (inputs, hints, products) made while this scope was the innermost open one
 * @param totalWires        {@code ownWires} plus those of every nested scope
 */
public record ScopeStatistics(String path, int depth, long ownConstraints, long totalConstraints, long ownWires,
                              long totalWires) {
}
