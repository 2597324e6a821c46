package io.zkinfer.circuits.compile;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Who sees a tensor of a proven inference (ARCHITECTURE.md, "Visibility per tensor"): {@link #PUBLIC} values are
 * public signals; {@link #PRIVATE} values stay in the witness; {@link #HASHED} values stay in the witness and their
 * {@link io.zkinfer.algebra.hash.PoseidonTree} commitment is a public signal; {@link #FIXED} weights are constants
 * of the circuit itself (the verifying key stands for them). Which roles take which values: {@link VisibilityOptions}.
 */
public enum Visibility {
    PUBLIC, PRIVATE, HASHED, FIXED;

    /** The lower-case name used on the command line and in settings files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code public}, {@code private}, {@code hashed} or {@code fixed}, ignoring case.
     *
     * @throws IllegalArgumentException naming the text and the choices
     */
    public static Visibility parse(String text) {
        for (Visibility v : values()) {
            if (v.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown visibility '" + text + "'; choose one of "
                + Arrays.stream(values()).map(Visibility::label).collect(Collectors.joining(", ")));
    }
}
