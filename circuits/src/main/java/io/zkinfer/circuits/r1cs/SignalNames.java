package io.zkinfer.circuits.r1cs;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Circom signal names by label id (what circom's {@code .sym} file lists, e.g. label 3 → {@code main.b}),
 * used to name wires in {@link R1cs#check} results. Immutable.
 */
public final class SignalNames {

    /** No names known. */
    public static final SignalNames NONE = new SignalNames(Map.of());

    private final Map<Long, String> byLabel;

    private SignalNames(Map<Long, String> byLabel) {
        this.byLabel = byLabel;
    }

    /** Names keyed by label id (copied). */
    public static SignalNames of(Map<Long, String> byLabel) {
        Objects.requireNonNull(byLabel, "byLabel");
        return byLabel.isEmpty() ? NONE : new SignalNames(Map.copyOf(byLabel));
    }

    /** The name of label {@code labelId}, if known. */
    public Optional<String> nameOf(long labelId) {
        return Optional.ofNullable(byLabel.get(labelId));
    }

    /** Number of names known. */
    public int size() {
        return byLabel.size();
    }

    @Override
    public String toString() {
        return "SignalNames[" + byLabel.size() + " names]";
    }
}
