package io.zkinfer.circuits.gadgets;

import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;

import java.util.List;

/**
 * Maximum, argmax and ReLU of signed k-bit integers ({@code −2^(k−1) ≤ x < 2^(k−1)}, assumed constrained). Each
 * step compares ({@link Comparison}, the difference of two k-bit values has k + 1 bits) and selects
 * ({@link Select}); the result is one of the inputs, chosen by a comparison bit no prover can flip.
 */
public final class Maximum {

    /** The largest value and the first index holding it (ONNX ArgMax with {@code select_last_index = 0}). */
    public record ArgMax(Signal value, Signal index) {
    }

    private Maximum() {
    }

    /** {@code max(x, y)}. Cost: {@code k + 3} ({@code [x ≥ y]} at k + 1 bits, one selection). */
    public static Signal max(CircuitBuilder b, Signal x, Signal y, int k) {
        return Select.ifThenElse(b, Comparison.isGreaterOrEqual(b, x, y, k + 1), x, y);
    }

    /** The largest of {@code xs} (at least one). Cost: {@code (m − 1)·(k + 3)} for m values. */
    public static Signal maxOf(CircuitBuilder b, List<Signal> xs, int k) {
        requireSome(xs);
        Signal m = xs.get(0);
        for (int i = 1; i < xs.size(); i++) {
            m = max(b, xs.get(i), m, k);
        }
        return m;
    }

    /**
     * The largest of {@code xs} and the first index where it occurs: step i replaces the running maximum only
     * when {@code x_i > max} strictly. Cost: {@code (m − 1)·(k + 4) − 1} for m ≥ 2 values (per step a comparison
     * of k + 2, a selection of the value and one of the index; the first index selection, between the constants 1
     * and 0, is the comparison bit itself).
     */
    public static ArgMax argmax(CircuitBuilder b, List<Signal> xs, int k) {
        requireSome(xs);
        Signal m = xs.get(0);
        Signal index = b.constant(0);
        for (int i = 1; i < xs.size(); i++) {
            Signal greater = Comparison.isGreaterThan(b, xs.get(i), m, k + 1);
            m = Select.ifThenElse(b, greater, xs.get(i), m);
            index = Select.ifThenElse(b, greater, b.constant(i), index);
        }
        return new ArgMax(m, index);
    }

    /** {@code max(x, 0)} as {@code [x ≥ 0]·x}. Cost: {@code k + 2} (a k-bit sign test, one product). */
    public static Signal relu(CircuitBuilder b, Signal x, int k) {
        return b.mul(Comparison.isNonNegative(b, x, k), x);
    }

    private static void requireSome(List<Signal> xs) {
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("the maximum of no values is undefined");
        }
    }
}
