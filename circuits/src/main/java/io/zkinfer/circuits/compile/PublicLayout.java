package io.zkinfer.circuits.compile;

import java.util.List;
import java.util.Objects;

/**
 * The public signals of a compiled model, in snarkjs order (the wires after wire 0): first the public outputs —
 * the output values (every element of every graph output, graph output order, row-major) or ONE commitment of all of
 * them, then the input commitment (hashed input), then the weights commitment (hashed weights) — then the public
 * inputs, the input values (public input: every element of every graph input, row-major).
 *
 * @param entries the consecutive runs of public signals, in order
 */
public record PublicLayout(List<Entry> entries) {

    /** What a run of public signals holds. */
    public enum Kind { OUTPUT_VALUES, OUTPUT_COMMITMENT, INPUT_COMMITMENT, WEIGHTS_COMMITMENT, INPUT_VALUES }

    /**
     * {@code count} consecutive public signals.
     *
     * @param name  the tensor's name for values; {@code outputs}, {@code inputs} or {@code weights} for a commitment
     * @param kind  what they hold
     * @param count how many signals (1 for a commitment)
     */
    public record Entry(String name, Kind kind, int count) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            if (count < 0) {
                throw new IllegalArgumentException("a layout entry cannot hold " + count + " signals");
            }
        }
    }

    public PublicLayout {
        entries = List.copyOf(entries);
    }

    /** The number of public signals. */
    public int size() {
        return entries.stream().mapToInt(Entry::count).sum();
    }

    /** The position (0-based, among the public signals) of the first signal of {@code entry}. */
    public int offset(Entry entry) {
        int at = 0;
        for (Entry e : entries) {
            if (e.equals(entry)) {
                return at;
            }
            at += e.count();
        }
        throw new IllegalArgumentException("entry " + entry + " is not in this layout");
    }
}
