package io.zkinfer.circuits.gadgets;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;

import java.math.BigInteger;

/**
 * Bit decomposition: wires b₀…b_{k−1}, each constrained to 0 or 1, that recompose to a value Σ 2^i·bᵢ.
 *
 * <p>Soundness: with every bᵢ boolean, Σ 2^i·bᵢ is an integer in [0, 2^k) and k ≤ {@link #MAX_BITS} keeps it below
 * r, so "x = Σ 2^i·bᵢ in the field" means x mod r lies in [0, 2^k) and the bits are its binary digits — the only
 * assignment that satisfies the constraints.
 */
public final class Bits {

    /** The most bits a decomposition may have; 2^252 &lt; r, so the recomposition never wraps. */
    public static final int MAX_BITS = 252;

    private Bits() {
    }

    /**
     * The k bits of x, least significant first. Cost: {@code k + 1} constraints (k booleanity, one recomposition
     * {@code x = Σ 2^i·bᵢ}), k wires. An x outside [0, 2^k) leaves no satisfying assignment.
     */
    public static Signal[] decompose(CircuitBuilder b, Signal x, int k) {
        Signal[] bits = allocate(b, "bit", x.value().toBigInteger(), k);
        b.assertEqual(x, recompose(b, bits));
        return bits;
    }

    /**
     * k new boolean wires holding the low k bits of {@code value} (a fresh k-bit hint whose value is then
     * {@link #recompose} of them), named {@code role0}, {@code role1}, …. Cost: {@code k} constraints
     * (booleanity), k wires. The caller constrains the recomposed value.
     */
    public static Signal[] allocate(CircuitBuilder b, String role, BigInteger value, int k) {
        if (k < 0 || k > MAX_BITS) {
            throw new IllegalArgumentException("bit decomposition must have 0.." + MAX_BITS + " bits, got " + k);
        }
        BigInteger unsigned = value.signum() < 0 ? value.mod(Fr.MODULUS) : value;
        Signal[] bits = new Signal[k];
        for (int i = 0; i < k; i++) {
            bits[i] = b.hint(role + i, unsigned.testBit(i) ? Fr.ONE : Fr.ZERO);
            b.assertBoolean(bits[i]);
        }
        return bits;
    }

    /** Σ 2^i·bitsᵢ, a linear combination: free. */
    public static Signal recompose(CircuitBuilder b, Signal[] bits) {
        Fr[] weights = new Fr[bits.length];
        Fr w = Fr.ONE;
        for (int i = 0; i < bits.length; i++) {
            weights[i] = w;
            w = w.dbl();
        }
        return b.linear(bits, weights);
    }
}
