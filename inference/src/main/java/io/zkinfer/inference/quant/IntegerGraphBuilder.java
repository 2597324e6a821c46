package io.zkinfer.inference.quant;

import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the nodes, INT64 initializers, per-value scales and bounds, and provenance of the integer graph being
 * built, checking every bound against {@link ScaleRules#MAX_BOUND} as it goes.
 */
final class IntegerGraphBuilder {

    /**
     * An integer value: its name in the integer graph, its scale ({@code null} for an index value such as a shape),
     * and its static bound {@code |q| <= bound}.
     */
    record QValue(String name, Integer scale, long bound) {
        boolean isIndex() {
            return scale == null;
        }
    }

    final QuantOptions opt;
    final List<Node> nodes = new ArrayList<>();
    final Map<String, Tensor> initializers = new LinkedHashMap<>();
    final Map<String, QuantSettings.TensorScale> scales = new LinkedHashMap<>();
    final List<QuantSettings.NodeProvenance> provenance = new ArrayList<>();
    private final Set<String> taken = new HashSet<>();
    private String from = "";

    IntegerGraphBuilder(QuantOptions opt, Set<String> reserved) {
        this.opt = opt;
        taken.addAll(reserved);
    }

    /** Sets the float node that the following integer nodes implement. */
    void from(Node floatNode) {
        this.from = floatNode.name();
    }

    /** {@code base}, or {@code base_2}, {@code base_3}, … if taken; the name is then taken. */
    String fresh(String base) {
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + "_" + i;
        }
        taken.add(name);
        return name;
    }

    /** Marks {@code name} as used (a graph input or a float value's final name). */
    void take(String name) {
        taken.add(name);
    }

    /** The activation bound {@code 2^(b-1)}. */
    long activationBound() {
        return 1L << (opt.activationBits() - 1);
    }

    /** Records value {@code name} at {@code scale} with {@code bound}. */
    QValue record(String name, Integer scale, int bits, long bound) {
        scales.put(name, new QuantSettings.TensorScale(name, scale, bits, bound));
        return new QValue(name, scale, bound);
    }

    /** Records that value {@code name} has one scale per index of dimension {@code axis}. */
    void recordChannels(String name, int[] channelScales, int axis) {
        QuantSettings.TensorScale t = scales.get(name);
        scales.put(name, new QuantSettings.TensorScale(name, null,
                java.util.Arrays.stream(channelScales).boxed().toList(), axis, t.bits(), t.bound()));
    }

    /**
     * Adds node {@code op} writing {@code out}; {@code bound} is the static bound of its result, refused (naming the
     * node and the float node it implements) above 2^62.
     */
    QValue emit(String op, String out, List<String> inputs, Map<String, Attribute> attrs, Integer scale, long bound) {
        String nodeName = fresh(from + "/" + op);
        check(nodeName, op, "result", bound);
        nodes.add(new Node(op, nodeName, inputs, List.of(out), attrs));
        provenance.add(new QuantSettings.NodeProvenance(nodeName, op, from));
        int bits = bound <= activationBound() && scale != null ? opt.activationBits() : ScaleRules.bitsFor(bound);
        return record(out, scale, bits, bound);
    }

    /** Refuses a bound above 2^62 for {@code what} of node {@code nodeName}. */
    void check(String nodeName, String op, String what, long bound) {
        if (bound > ScaleRules.MAX_BOUND) {
            throw new IllegalArgumentException("quantizing float node '" + from + "': the " + what + " of " + op
                    + " '" + nodeName + "' is bounded only by " + ScaleRules.log2(bound) + ", over the 2^62"
                    + " limit; use fewer scale bits (lower maxScaleBits, inputScaleBits or paramScaleBits) or 8-bit"
                    + " weights");
        }
    }

    /** Adds an INT64 initializer; {@code scale} null for index data; returns its value. */
    QValue constant(String base, long[] shape, long[] values, Integer scale, int bits) {
        String name = fresh(base);
        check(name, "constant", "value", ScaleRules.maxAbs(values));
        initializers.put(name, Tensor.ofLongs(DataType.INT64, shape, values));
        return record(name, scale, bits, ScaleRules.maxAbs(values));
    }

    /** Adds a constant of another type (Resize's float scales) unchanged, as an index-like parameter. */
    QValue parameter(String base, Tensor t) {
        String name = fresh(base);
        initializers.put(name, t);
        long bound = t.type().isFloating() ? 0 : ScaleRules.maxAbs(t.longs());
        return record(name, null, t.type().isFloating() ? 32 : 64, bound);
    }

    /**
     * {@code x} requantized to scale {@code to} and clamped to the activation range by a {@code Rescale} writing
     * {@code out} (mul {@code 2^(to - s)} or div {@code 2^(s - to)}).
     */
    QValue rescale(QValue x, int to, String out) {
        int shift = to - x.scale();
        if (shift > 62 || shift < -62) {
            throw new IllegalArgumentException("quantizing float node '" + from + "': requantizing '" + x.name()
                    + "' from scale " + x.scale() + " to " + to + " needs a shift of " + shift + " bits; use fewer"
                    + " scale bits (lower maxScaleBits)");
        }
        long mul = shift > 0 ? 1L << shift : 1;
        long div = shift < 0 ? 1L << -shift : 1;
        return rescale(x, new long[] {mul}, new long[] {div}, 0, to, out, opt.activationMin(), opt.activationMax());
    }

    /** {@link #rescale(QValue, int, String)} with the result clamped to {@code [lo, hi]} (Clip). */
    QValue rescale(QValue x, int to, String out, long lo, long hi) {
        int shift = to - x.scale();
        QValue plain = new QValue(x.name(), x.scale(), x.bound());
        long mul = shift > 0 ? ScaleRules.pow2(shift) : 1;
        long div = shift < 0 ? ScaleRules.pow2(-shift) : 1;
        return rescale(plain, new long[] {mul}, new long[] {div}, 0, to, out, lo, hi);
    }

    /** A {@code Rescale} with per-channel (or single) {@code mul}/{@code div} along {@code axis}, into [lo, hi]. */
    QValue rescale(QValue x, long[] mul, long[] div, int axis, int to, String out, long lo, long hi) {
        long worst = 0;
        long outBound = 0;
        for (int c = 0; c < Math.max(mul.length, div.length); c++) {
            long m = mul[mul.length == 1 ? 0 : c];
            long d = div[div.length == 1 ? 0 : c];
            long product = ScaleRules.add(ScaleRules.mul(x.bound(), m), d / 2);
            worst = Math.max(worst, product);
            outBound = Math.max(outBound, product / d + 1);
        }
        check(from + "/Rescale", "Rescale", "product x*mul", worst);
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        attrs.put("mul", Attribute.Ints.of(mul));
        attrs.put("div", Attribute.Ints.of(div));
        if (mul.length > 1 || div.length > 1) {
            attrs.put("axis", new Attribute.Int(axis));
        }
        attrs.put("lo", new Attribute.Int(lo));
        attrs.put("hi", new Attribute.Int(hi));
        return emit("Rescale", out, List.of(x.name()), attrs, to,
                Math.min(outBound, Math.max(Math.abs(lo), Math.abs(hi))));
    }

}
