package io.zkinfer.circuits.gadgets;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.SignedEncoding;
import io.zkinfer.circuits.builder.Signal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code Lookup} of docs/quantization.md: {@code y = table[x + offset]} for a constant table of T entries
 * (the activation tables of §7: Sigmoid, Tanh, Sqrt, HardSigmoid, HardSwish, LeakyRelu, Pow, and Softmax's exp).
 *
 * <p>Construction, a two-level one-hot multiplexer: with {@code k = bitLength(T − 1)}, {@code k_lo = ceil(k/2)},
 * {@code k_hi = k − k_lo}, {@code L = 2^k_lo}, {@code H = 2^k_hi}, the index i = x + offset is written
 * {@code i = L·t + j}; boolean selectors u_0…u_{L−1} and v_0…v_{H−1} with {@code Σu = 1}, {@code Σv = 1} and
 * {@code i = L·Σ t'·v_t' + Σ j'·u_j'} pick j and t; each row {@code R_t' = Σ_j' table[L·t' + j']·u_j'} is a free
 * linear combination, and {@code y = Σ_t' v_t'·R_t'} costs one product per row that holds a non-zero entry
 * (a row of zeros adds nothing). Cost: {@code L + H + 3 + R} (L + H booleanity, 3 linear checks, R ≤ H products
 * for the R non-zero rows), plus {@code 2k + 2} when T is not a power of two (a check {@code i < T}, since cells
 * past the table read 0); 1 when T = 1. A 2^8-entry table costs at most 51 constraints, a 2^16-entry table at
 * most 771 (a flat one-hot selector would cost T + 2).
 *
 * <p>Soundness: booleans summing to 1 (fewer than r of them) are one-hot, so u and v each select exactly one
 * position; since j' &lt; L, {@code L·t + j} is the base-L form of i and both positions are forced by x; the
 * products then leave exactly {@code R_t = table[i]}. An index outside the table has no satisfying assignment,
 * matching the executor, which refuses it.
 */
public final class Lookup {

    private Lookup() {
    }

    /**
     * {@code table[x + offset]}.
     *
     * @throws IllegalArgumentException if the table is empty, or the honest index is outside it (naming the scope)
     */
    public static Signal lookup(CircuitBuilder b, Signal x, long[] table, long offset) {
        int size = table.length;
        if (size == 0) {
            throw new IllegalArgumentException("Lookup needs a non-empty table");
        }
        Signal index = b.add(x, b.constant(offset));
        BigInteger iv = index.signedValue();
        if (iv.signum() < 0 || iv.compareTo(BigInteger.valueOf(size)) >= 0) {
            throw new IllegalArgumentException("Lookup in scope '" + b.currentScope() + "': input " + x.signedValue()
                    + " is outside the table's domain [" + -offset + ", " + (size - 1 - offset) + "]");
        }
        if (size == 1) {
            b.assertEqual(index, b.constant(0));
            return b.constant(table[0]);
        }
        int i = iv.intValueExact();
        int k = 32 - Integer.numberOfLeadingZeros(size - 1);
        int kLo = (k + 1) / 2;
        int low = 1 << kLo;
        int high = 1 << (k - kLo);
        Signal[] u = oneHot(b, "u", i % low, low);
        Signal[] v = oneHot(b, "v", i / low, high);
        Fr[] positions = new Fr[Math.max(low, high)];
        for (int p = 0; p < positions.length; p++) {
            positions[p] = Fr.of(p);
        }
        Signal lowPart = b.linear(u, Arrays.copyOf(positions, low));
        Signal highPart = b.linear(v, Arrays.copyOf(positions, high));
        b.assertEqual(index, b.add(b.scale(highPart, low), lowPart));
        List<Signal> products = new ArrayList<>(high);
        Fr[] row = new Fr[low];
        for (int t = 0; t < high; t++) {
            boolean zero = true;
            for (int j = 0; j < low; j++) {
                int cell = t * low + j;
                row[j] = cell < size ? SignedEncoding.encode(table[cell]) : Fr.ZERO;
                zero &= row[j].isZero();
            }
            if (!zero) { // a row of zeros adds v_t·0 = 0: nothing to constrain
                products.add(b.mul(v[t], b.linear(u, row)));
            }
        }
        if (Integer.bitCount(size) != 1) {
            Range.below(b, index, BigInteger.valueOf(size));
        }
        return b.sum(products);
    }

    /** n boolean hints, the one at {@code hot} set, constrained to sum to 1. Cost: n + 1. */
    private static Signal[] oneHot(CircuitBuilder b, String role, int hot, int n) {
        Signal[] s = new Signal[n];
        for (int p = 0; p < n; p++) {
            s[p] = b.hint(role, p == hot ? Fr.ONE : Fr.ZERO);
            b.assertBoolean(s[p]);
        }
        b.assertEqual(b.sum(List.of(s)), b.one());
        return s;
    }
}
