package io.zkinfer.circuits.builder;

import io.zkinfer.algebra.field.Fr;

import java.math.BigInteger;

/**
 * A value of a circuit under construction: a linear combination Σ cᵢ·wᵢ of the builder's wires (wire 0 is the
 * constant 1) together with its value under the witness being built. Combining signals linearly is free; only
 * {@link CircuitBuilder#mul} and the {@code assert…} methods add constraints. Immutable; valid only with the
 * builder that made it.
 */
public final class Signal {

    /** Builder wire ids, strictly increasing. */
    final int[] wires;
    /** Non-zero coefficients, parallel to {@link #wires}. */
    final Fr[] coefficients;
    private final Fr value;

    Signal(int[] wires, Fr[] coefficients, Fr value) {
        this.wires = wires;
        this.coefficients = coefficients;
        this.value = value;
    }

    /** The value under the witness being built. */
    public Fr value() {
        return value;
    }

    /** The value read as a signed integer (see {@link SignedEncoding}). */
    public BigInteger signedValue() {
        return SignedEncoding.decode(value);
    }

    /**
     * The value read as a signed long.
     *
     * @throws ArithmeticException if it does not fit
     */
    public long longValue() {
        return SignedEncoding.decodeLong(value);
    }

    /** Whether this is a constant: no wire other than wire 0 appears. */
    public boolean isConstant() {
        return wires.length == 0 || (wires.length == 1 && wires[0] == 0);
    }

    /** Number of terms of the linear combination. */
    public int terms() {
        return wires.length;
    }

    /** Whether this is exactly one wire with coefficient 1 (not the constant wire). */
    boolean isSingleWire() {
        return wires.length == 1 && wires[0] != 0 && coefficients[0].isOne();
    }

    @Override
    public String toString() {
        return "Signal[" + wires.length + " terms, value " + signedValue() + "]";
    }
}
