package io.zkinfer.circuits.gadgets;

import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code IntSoftmax} of docs/quantization.md along one row of signed k-bit values:
 * {@code m = max x}, {@code e_i = exp_table[min(m − x_i, T − 1)]}, {@code S = Σ e_i},
 * {@code y_i = roundDiv(e_i·2^out_shift, S)} — composed from {@link Maximum#maxOf}, {@link Clamp} (the upper bound
 * only, since {@code m − x_i ≥ 0}), {@link Lookup} and {@link Division} by S decomposed once.
 *
 * <p>Cost for n values: {@code (n − 1)(k + 3)} for the maximum; per element the clamp of {@code m − x_i ∈
 * [0, 2^k − 1]} to {@code T − 1} ({@code w + 2} with w the width of {@code [T − 2^k, T − 1]}, 0 when
 * {@code T ≥ 2^k}), the lookup's and the division's {@code 2w_S + w_q + 3}; once {@code w_S + 1} for S, whose
 * width w_S holds {@code n·max(exp_table)}.
 *
 * <p>Soundness: each part forces its output (see the parts); m is the true maximum, so {@code m − x_i} lies in
 * [0, 2^k − 1] as the clamp assumes, and S ≥ exp_table[0] ≥ 1 because the maximum's own term is exp_table[0].
 */
public final class Softmax {

    private Softmax() {
    }

    /**
     * {@code IntSoftmax} of {@code xs}, each a signed k-bit integer, with the exp table (non-negative entries,
     * {@code exp_table[0] ≥ 1}) and output shift.
     */
    public static List<Signal> softmax(CircuitBuilder b, List<Signal> xs, int k, long[] expTable, int outShift) {
        if (expTable.length == 0 || expTable[0] < 1) {
            throw new IllegalArgumentException("IntSoftmax needs an exp table whose first entry is >= 1");
        }
        long top = 0;
        for (long e : expTable) {
            if (e < 0) {
                throw new IllegalArgumentException("IntSoftmax exp table entries must be >= 0, got " + e);
            }
            top = Math.max(top, e);
        }
        Signal m = Maximum.maxOf(b, xs, k);
        Interval difference = new Interval(BigInteger.ZERO, BigInteger.ONE.shiftLeft(k).subtract(BigInteger.ONE));
        BigInteger last = BigInteger.valueOf(expTable.length - 1);
        List<Signal> es = new ArrayList<>(xs.size());
        for (Signal x : xs) {
            Signal index = Clamp.clamp(b, b.sub(m, x), difference, BigInteger.ZERO, last);
            es.add(Lookup.lookup(b, index, expTable, 0));
        }
        BigInteger sumTop = BigInteger.valueOf(top).multiply(BigInteger.valueOf(xs.size()));
        Division.Divisor sum = Division.divisor(b, b.sum(es), sumTop.bitLength());
        Interval eRange = Interval.of(0, top);
        List<Signal> ys = new ArrayList<>(xs.size());
        for (Signal e : es) {
            ys.add(Division.roundDiv(b, e, eRange, outShift, sum));
        }
        return ys;
    }
}
