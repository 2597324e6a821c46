package io.zkinfer.circuits.compile;

import io.zkinfer.inference.quant.QuantizedModel;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The constraint count of a model's circuit, per node and in total, computed without building it: the integer
 * graph is walked once with a shape and an interval per value (the intervals {@link ModelCompiler} sizes its gadgets
 * from), and each node adds the stated cost of the gadgets it would make (input range checks, Rescale with a folded
 * Relu, Relu, MaxPool, IntMean and IntAvgPool, IntDiv, IntMul, Lookup, IntSoftmax, the Poseidon commitments of
 * hashed tensors and the products of hashed weights; data movements and linear layers with fixed weights cost 0).
 * It takes time linear in the weights and the activations' shapes, not in the constraints: milliseconds where the
 * circuit would have 10^8 constraints.
 *
 * <p>Accuracy: the estimate is the compiled count exactly — {@code CircuitSizeEstimateTest} asserts equality (and
 * prints the worst ratio, 1) for every operator fixture at 8 and 16 bits, the weighted fixtures with hashed weights,
 * the MNIST MLP and CNN under every visibility of input and output, and a LayerNorm block of a real model — with two
 * exceptions none of those has: a gadget given a constant element (a pad
 * value, a constant operand of a Concat) can save the product it would spend on a signal, so the estimate is
 * above the count by at most one constraint per such element and gadget; and a public output that repeats a
 * signal costs one constraint more than estimated.
 *
 * @param model       the graph's name
 * @param visibility  the visibility it is estimated for
 * @param constraints the total
 * @param parts       per scope of the compiled circuit, in build order: {@code input}, one per node (named as
 *                    {@link ModelCompiler} names its scope), {@code output} when the output is public and
 *                    {@code commit} when something is hashed
 */
public record CircuitSizeEstimate(String model, VisibilityOptions visibility, long constraints, List<Part> parts) {

    /**
     * Bytes of Groth16 proving key per constraint, about: per wire G1 points for A and B and a G2 point for B, a G1
     * point per private wire for C and per domain element for H (uncompressed, 64 and 128 bytes), and the nonzero
     * coefficients of A and B. Measured on the keys {@code zkinfer setup} writes: the MNIST MLP's 10,802,668 bytes
     * for 10,772 constraints (1,003 a constraint), the CNN's 164,188,064 for 180,116 (912).
     */
    public static final long KEY_BYTES_PER_CONSTRAINT = 1_000;

    /** The constraints of one scope: an input, a node (its operator type), the outputs or the commitments. */
    public record Part(String scope, String operator, long constraints) {
    }

    public CircuitSizeEstimate {
        parts = List.copyOf(parts);
    }

    /**
     * The estimate for {@code model} compiled with {@code visibility}.
     *
     * @throws UnsupportedOperatorException for a node the compiler cannot compile, as {@link ModelCompiler} would
     */
    public static CircuitSizeEstimate of(QuantizedModel model, VisibilityOptions visibility) {
        return SizeEstimator.estimate(new ModelPlan(model, visibility));
    }

    /** The {@code count} most expensive parts, most expensive first (build order among equals). */
    public List<Part> mostExpensive(int count) {
        return parts.stream().sorted(Comparator.comparingLong(Part::constraints).reversed()).limit(count).toList();
    }

    /** The proving key's size, about ({@link #KEY_BYTES_PER_CONSTRAINT} per constraint), in GiB. */
    public double provingKeyGib() {
        return constraints * (double) KEY_BYTES_PER_CONSTRAINT / (1L << 30);
    }

    /** {@code 'scope' (Operator) N, …} for the {@code count} most expensive parts. */
    public String describeMostExpensive(int count) {
        return mostExpensive(count).stream().map(p -> String.format(Locale.ROOT, "'%s' (%s) %,d", p.scope(),
                p.operator(), p.constraints())).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "about %,d constraints for model '%s' (%s); most expensive: %s",
                constraints, model, visibility, describeMostExpensive(3));
    }
}
