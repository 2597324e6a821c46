package io.zkinfer.circuits.r1cs;

import io.zkinfer.algebra.field.Fr;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An assignment w ∈ Frⁿ to every wire of a constraint system, with w[0] = 1 (the constant wire).
 *
 * <p>Layout as circom and snarkjs use it: w[0] = 1, then the public outputs, the public inputs,
 * then every private wire. Immutable.
 */
public final class Witness {

    private final Fr[] values;

    private Witness(Fr[] values) {
        this.values = values;
    }

    /**
     * A witness holding a copy of {@code values}.
     *
     * @throws IllegalArgumentException if {@code values} is empty, holds a null, or values[0] ≠ 1
     */
    public static Witness of(Fr... values) {
        Objects.requireNonNull(values, "values");
        Fr[] copy = values.clone();
        if (copy.length == 0) {
            throw new IllegalArgumentException("a witness needs at least wire 0, the constant 1");
        }
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == null) {
                throw new IllegalArgumentException("witness value " + i + " is null");
            }
        }
        if (!copy[0].isOne()) {
            throw new IllegalArgumentException("witness[0] must be 1 (the constant wire) but is " + copy[0]);
        }
        return new Witness(copy);
    }

    /** A witness holding the values of {@code values}, in order. */
    public static Witness of(List<Fr> values) {
        return of(values.toArray(new Fr[0]));
    }

    /** Number of wires, including wire 0. */
    public int size() {
        return values.length;
    }

    /** The value of wire {@code i}. */
    public Fr get(int i) {
        return values[i];
    }

    /** A copy of all values, wire 0 first. */
    public Fr[] values() {
        return values.clone();
    }

    /** Shared array for evaluation inside this package; callers must not modify it. */
    Fr[] valuesUnsafe() {
        return values;
    }

    /**
     * The public signals w[1..numPublic] (outputs, then public inputs), as snarkjs writes them to public.json.
     *
     * @throws IllegalArgumentException if numPublic is negative or the witness is too short
     */
    public List<Fr> publicSignals(int numPublic) {
        if (numPublic < 0 || numPublic >= values.length) {
            throw new IllegalArgumentException("cannot take " + numPublic + " public signals from a witness of "
                    + values.length + " values");
        }
        return List.of(Arrays.copyOfRange(values, 1, numPublic + 1));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Witness other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Witness[" + values.length + " values]";
    }
}
