package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Tensor;

import java.util.stream.IntStream;

/**
 * The index map of a reduction over some axes of a row-major tensor: for each input element, the position of the
 * output element it contributes to ({@link #target}), the number of elements each output sums ({@link #count}),
 * and the output shape with or without the reduced axes kept as size 1. Shared by the float and integer
 * reductions, and public for the circuit compiler, so that all three sum the same elements into the same outputs.
 */
public record Reduction(long[] keptShape, long[] outShape, long count, int[] target) {

    /** The reduction of a tensor of shape {@code in} over the axes flagged in {@code reduced}. */
    public static Reduction of(long[] in, boolean[] reduced, boolean keepDims) {
        int rank = in.length;
        long[] kept = new long[rank];
        long count = 1;
        for (int d = 0; d < rank; d++) {
            kept[d] = reduced[d] ? 1 : in[d];
            count *= reduced[d] ? in[d] : 1;
        }
        long[] keptStrides = Nd.strides(kept);
        int[] target = new int[(int) Tensor.elementCount(in)];
        int[] idx = new int[rank];
        for (int flat = 0; flat < target.length; flat++) {
            long to = 0;
            for (int d = 0; d < rank; d++) {
                if (!reduced[d]) {
                    to += idx[d] * keptStrides[d];
                }
            }
            target[flat] = (int) to;
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < in[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        long[] out = keepDims ? kept : IntStream.range(0, rank).filter(d -> !reduced[d]).mapToLong(d -> in[d])
                .toArray();
        return new Reduction(kept, out, count, target);
    }

    /** The number of output elements. */
    public int outputSize() {
        return (int) Tensor.elementCount(keptShape);
    }
}
