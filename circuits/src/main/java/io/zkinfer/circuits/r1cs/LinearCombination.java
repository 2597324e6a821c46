package io.zkinfer.circuits.r1cs;

import io.zkinfer.algebra.field.Fr;

import java.util.Arrays;
import java.util.Objects;

/**
 * A linear combination Σ cᵢ·w[iᵢ] of witness wires with coefficients in the BN254 scalar field Fr.
 *
 * <p>Sparse and sorted: wire indices are strictly increasing and non-negative, each with one
 * coefficient (a coefficient may be zero: files are kept as written). Wire 0 is the constant 1,
 * so {@code c·w[0]} is the constant c. Immutable.
 */
public final class LinearCombination {

    /** The empty combination, whose value is 0. */
    public static final LinearCombination ZERO = new LinearCombination(new int[0], new Fr[0]);

    private final int[] wires;
    private final Fr[] coefficients;

    private LinearCombination(int[] wires, Fr[] coefficients) {
        this.wires = wires;
        this.coefficients = coefficients;
    }

    /**
     * Builds a combination from parallel arrays (copied).
     *
     * @throws IllegalArgumentException if the lengths differ, a wire is negative, the wires are not
     *     strictly increasing, or a coefficient is null
     */
    public static LinearCombination of(int[] wires, Fr[] coefficients) {
        Objects.requireNonNull(wires, "wires");
        Objects.requireNonNull(coefficients, "coefficients");
        if (wires.length != coefficients.length) {
            throw new IllegalArgumentException("linear combination has " + wires.length
                    + " wires but " + coefficients.length + " coefficients; give one coefficient per wire");
        }
        int[] w = wires.clone();
        Fr[] c = coefficients.clone();
        for (int i = 0; i < w.length; i++) {
            if (w[i] < 0) {
                throw new IllegalArgumentException("linear combination term " + i + " has negative wire " + w[i]);
            }
            if (i > 0 && w[i] <= w[i - 1]) {
                throw new IllegalArgumentException("linear combination wires must be strictly increasing, but term "
                        + i + " has wire " + w[i] + " after wire " + w[i - 1]
                        + "; sort the terms and merge repeated wires");
            }
            if (c[i] == null) {
                throw new IllegalArgumentException("linear combination term " + i + " (wire " + w[i] + ") has a null coefficient");
            }
        }
        return w.length == 0 ? ZERO : new LinearCombination(w, c);
    }

    /** The single term {@code coefficient · w[wire]}. */
    public static LinearCombination term(int wire, Fr coefficient) {
        return of(new int[] {wire}, new Fr[] {coefficient});
    }

    /** The constant {@code value}, i.e. {@code value · w[0]}. */
    public static LinearCombination constant(Fr value) {
        return term(0, value);
    }

    /** Number of terms. */
    public int size() {
        return wires.length;
    }

    /** Wire of term {@code i} (terms are ordered by wire). */
    public int wire(int i) {
        return wires[i];
    }

    /** Coefficient of term {@code i}. */
    public Fr coefficient(int i) {
        return coefficients[i];
    }

    /** A copy of the wire indices, strictly increasing. */
    public int[] wires() {
        return wires.clone();
    }

    /** A copy of the coefficients, parallel to {@link #wires()}. */
    public Fr[] coefficients() {
        return coefficients.clone();
    }

    /** The largest wire index used, or -1 when empty. */
    public int maxWire() {
        return wires.length == 0 ? -1 : wires[wires.length - 1];
    }

    /**
     * Σ cᵢ·witness[wireᵢ].
     *
     * @throws IllegalArgumentException if a wire is outside the witness
     */
    public Fr evaluate(Fr[] witness) {
        Fr acc = Fr.ZERO;
        for (int i = 0; i < wires.length; i++) {
            int w = wires[i];
            if (w >= witness.length) {
                throw new IllegalArgumentException("linear combination uses wire " + w
                        + " but the witness has only " + witness.length + " values");
            }
            acc = acc.add(coefficients[i].mul(witness[w]));
        }
        return acc;
    }

    /** Σ cᵢ·witness[wireᵢ]. */
    public Fr evaluate(Witness witness) {
        return evaluate(witness.valuesUnsafe());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearCombination other
                && Arrays.equals(wires, other.wires)
                && Arrays.equals(coefficients, other.coefficients);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(wires) + Arrays.hashCode(coefficients);
    }

    /** E.g. {@code 3·w1 + 21888…616·w2}; {@code 0} when empty. */
    @Override
    public String toString() {
        if (wires.length == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < wires.length; i++) {
            if (i > 0) {
                sb.append(" + ");
            }
            sb.append(coefficients[i]).append("·w").append(wires[i]);
        }
        return sb.toString();
    }
}
