package io.zkinfer.circuits.compile;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The visibility of a model's input ({@code public | private | hashed}), output ({@code public | hashed}) and weights
 * ({@code fixed | hashed}), as ARCHITECTURE.md decides. Immutable.
 */
public record VisibilityOptions(Visibility input, Visibility output, Visibility weights) {

    private static final Set<Visibility> INPUT = EnumSet.of(Visibility.PUBLIC, Visibility.PRIVATE, Visibility.HASHED);
    private static final Set<Visibility> OUTPUT = EnumSet.of(Visibility.PUBLIC, Visibility.HASHED);
    private static final Set<Visibility> WEIGHTS = EnumSet.of(Visibility.FIXED, Visibility.HASHED);

    /** Public input, public output, weights baked into the circuit. */
    public static final VisibilityOptions DEFAULT =
            new VisibilityOptions(Visibility.PUBLIC, Visibility.PUBLIC, Visibility.FIXED);

    /** @throws IllegalArgumentException naming the role whose visibility it cannot take, and its choices */
    public VisibilityOptions {
        require("input", input, INPUT);
        require("output", output, OUTPUT);
        require("weights", weights, WEIGHTS);
    }

    private static void require(String role, Visibility v, Set<Visibility> allowed) {
        Objects.requireNonNull(v, role + " visibility");
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("the " + role + " cannot be '" + v.label() + "'; choose one of "
                    + allowed.stream().map(Visibility::label).collect(Collectors.joining(", ")));
        }
    }

    @Override
    public String toString() {
        return "input " + input.label() + ", output " + output.label() + ", weights " + weights.label();
    }
}
