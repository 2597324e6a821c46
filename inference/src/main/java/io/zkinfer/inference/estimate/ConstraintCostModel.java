package io.zkinfer.inference.estimate;

/**
 * The R1CS cost rules behind {@link ResourceEstimate}: how many rank-1 constraints the circuit of a quantized
 * model is expected to spend per element, for activations of {@code b} bits. These are <em>estimates</em> of the
 * circuit the circuit compiler is meant to emit, not counts of an emitted circuit: they let a user compare models
 * and see which operators dominate, and they will be checked against real circuits when those exist.
 *
 * <ul>
 *   <li>Linear operators with constant weights (Gemm, MatMul, Conv, ConvTranspose, Add, Sub, Pad, and every
 *       data-movement operator) cost no multiplication constraints: a product with a constant and a sum are
 *       linear combinations of wires, folded into the constraints that consume them.</li>
 *   <li>A product of two variables (MatMul of two activations, Mul, the square in Pow) is one constraint.</li>
 *   <li>A range check of a {@code k}-bit value by bit decomposition is {@code k + 1} constraints ({@code k}
 *       booleanity constraints and one recomposition).</li>
 *   <li>{@link #rescale Rescale} of one element by a shift of {@code s} bits:
 *       {@code b + s + 2} (the {@code s}-bit remainder, the {@code b}-bit quotient and its clamp).</li>
 *   <li>{@link #compare Comparison} (ReLU, one side of Clip, one step of a max): {@code b + 2} (the sign bit of
 *       the {@code (b + 1)}-bit difference and a selection).</li>
 *   <li>{@link #lookup Lookup} of a {@code b}-bit index in a table of {@code 2^b} entries:
 *       {@code (b + 2) + 3 * 2^ceil(b/2)} (decompose the index, form one-hot selectors for each half of its bits,
 *       combine them with {@code 2^ceil(b/2)} products); Sigmoid and Tanh are lookups.</li>
 *   <li>{@link #divide Division} by a variable with a remainder range check ({@code q * d + r = n},
 *       {@code 0 <= r < d}, {@code q} clamped): {@code 1 + 3 * (w + 1)} for a {@code w}-bit divisor.</li>
 *   <li>{@link #mean Mean} over {@code c} elements (division by a constant): {@code 2 * ceil(log2 c) + b + 2}.</li>
 *   <li>{@link #sqrt Integer square root} ({@code y^2 + r = x}, {@code 0 <= r <= 2y}): {@code 1 + 2 * (b + 1) + 2}.
 *   </li>
 * </ul>
 */
public final class ConstraintCostModel {

    private ConstraintCostModel() {
    }

    /** Requantizing one element to {@code bits} bits by a shift of {@code shiftBits}: {@code bits + shiftBits + 2}. */
    public static long rescale(int bits, int shiftBits) {
        return bits + (long) shiftBits + 2;
    }

    /** One comparison of {@code bits}-bit values (ReLU, one bound of Clip, one step of a max): {@code bits + 2}. */
    public static long compare(int bits) {
        return bits + 2L;
    }

    /** One lookup of a {@code bits}-bit index in a {@code 2^bits}-entry table: {@code (bits+2) + 3*2^ceil(bits/2)}. */
    public static long lookup(int bits) {
        return bits + 2L + 3L * (1L << ((bits + 1) / 2));
    }

    /** One division by a {@code divisorBits}-bit variable with its remainder range check: {@code 1+3*(w+1)}. */
    public static long divide(int divisorBits) {
        return 1 + 3L * (divisorBits + 1);
    }

    /** One mean over {@code count} elements of {@code bits}-bit values: {@code 2*ceil(log2 count) + bits + 2}. */
    public static long mean(int bits, long count) {
        return 2L * ceilLog2(count) + bits + 2;
    }

    /** One integer square root of a {@code bits}-bit value: {@code 1 + 2*(bits+1) + 2}. */
    public static long sqrt(int bits) {
        return 1 + 2L * (bits + 1) + 2;
    }

    /** {@code ceil(log2 n)} for {@code n >= 1} (0 for 1). */
    public static int ceilLog2(long n) {
        return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
    }
}
