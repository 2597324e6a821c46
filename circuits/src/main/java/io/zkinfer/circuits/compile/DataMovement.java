package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.builder.Signal;
import io.zkinfer.circuits.gadgets.Interval;
import io.zkinfer.inference.exec.IntegerDataOps;
import io.zkinfer.inference.exec.Nd;
import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data movements of docs/quantization.md, section 4 ({@code Reshape}, {@code Flatten}, {@code Transpose},
 * {@code Squeeze}, {@code Unsqueeze}, {@code Slice}, {@code Concat}, {@code Pad}, {@code Resize}, {@code Gather},
 * {@code Identity}, and {@code Shape}/{@code Cast}): free, they only rewire signals. Each is run by the integer
 * executor itself on tensors of element indices (1, 2, … across the data operands; 0 stands for Pad's constant),
 * and the result says which signal lands where, so the circuit moves exactly what the executor moves.
 */
final class DataMovement {

    private DataMovement() {
    }

    /** Whether input {@code i} of {@code n} carries data (as opposed to shapes, axes, pads, indices, scales). */
    static boolean isData(Node n, int i) {
        return n.opType().equals("Concat") || i == 0;
    }

    static void move(BuildState s, Node n, int opset) {
        for (int i = 1; i < n.inputs().size(); i++) {
            if (n.hasInput(i) && !isData(n, i) && !s.isConstant(n.inputs().get(i))) {
                throw computedOperand(n, i);
            }
        }
        switch (n.opType()) {
            case "Identity" -> s.output(n, s.input(n, 0));
            case "Cast" -> cast(s, n);
            case "Shape" -> s.defineConstant(n.outputs().get(0), IntegerDataOps.movement(n,
                    List.of(BroadcastMap.indices(s.shape(n.inputs().get(0)))), opset));
            default -> rewire(s, n, opset);
        }
    }

    private static void rewire(BuildState s, Node n, int opset) {
        List<Signal> sources = new ArrayList<>();
        sources.add(null); // index 0: Pad's constant
        Map<String, Integer> offsets = new HashMap<>();
        List<Nd> args = new ArrayList<>();
        Interval range = null;
        for (int i = 0; i < n.inputs().size(); i++) {
            if (!n.hasInput(i)) {
                args.add(null);
            } else if (isData(n, i)) {
                SignalTensor t = s.signal(n.inputs().get(i));
                int offset = offsets.computeIfAbsent(n.inputs().get(i), k -> {
                    int at = sources.size();
                    sources.addAll(List.of(t.values()));
                    return at;
                });
                long[] index = new long[t.size()];
                for (int e = 0; e < index.length; e++) {
                    index[e] = offset + e;
                }
                args.add(Nd.ofLongs(DataType.INT64, t.shape(), index));
                range = LinearOperators.hull(range, t.range());
            } else {
                args.add(s.constant(n.inputs().get(i)));
            }
        }
        Node node = n;
        long fill = 0;
        if (n.opType().equals("Pad")) {
            // the executor fills with the float value of operand 2, or else of attribute 'value' (default 0)
            if (n.hasInput(2)) {
                Nd value = args.get(2);
                fill = value.l() != null ? (long) (float) value.l()[0] : (long) value.f()[0];
                args.set(2, Nd.ofLongs(DataType.INT64, value.shape(), new long[value.l() != null
                        ? value.l().length : value.f().length]));
            } else {
                fill = (long) n.floatAttr("value", 0f);
                Map<String, Attribute> attributes = new LinkedHashMap<>(n.attributes());
                attributes.put("value", new Attribute.Float(0f));
                node = new Node(n.opType(), n.name(), n.inputs(), n.outputs(), attributes);
            }
        }
        Nd moved = IntegerDataOps.movement(node, args, opset);
        long[] index = moved.l();
        Signal[] out = new Signal[index.length];
        for (int i = 0; i < out.length; i++) {
            if (index[i] == 0) {
                out[i] = s.b.constant(fill);
                range = LinearOperators.hull(range, Interval.of(fill, fill));
            } else {
                out[i] = sources.get((int) index[i]);
            }
        }
        s.output(n, new SignalTensor(moved.shape(), out, range == null ? Interval.of(0, 0) : range));
    }

    /** Cast of computed values: integer to integer keeps the values (as the executor does). */
    private static void cast(BuildState s, Node n) {
        requireIntegerCast(n);
        s.output(n, s.input(n, 0));
    }

    /** Refuses a Cast of computed values to a floating type (no integer meaning) or to BOOL (no gadget). */
    static void requireIntegerCast(Node n) {
        DataType to = DataType.fromOnnx((int) n.intAttr("to", -1));
        if (to.isFloating()) {
            throw new IllegalArgumentException(n.describe() + ": a cast to a floating type has no integer meaning");
        }
        if (to == DataType.BOOL) {
            throw new UnsupportedOperatorException(n.opType(), n.name(), "it casts computed values to BOOL",
                    "a non-zero test per element", "an is-zero gadget (a hint inverse and two products per element,"
                    + " as Clamp uses internally)");
        }
    }

    /** The refusal of a data movement whose operand {@code i} (not its data) is computed from the input. */
    static UnsupportedOperatorException computedOperand(Node n, int i) {
        if (n.opType().equals("Gather")) {
            return new UnsupportedOperatorException(n.opType(), n.name(), "its indices are computed from the input",
                    "a selection by a computed index", "a one-hot multiplexer over the gathered axis (as Lookup's),"
                    + " about one booleanity constraint per position of the axis and one product per gathered"
                    + " element and position");
        }
        return new UnsupportedOperatorException(n.opType(), n.name(), "its operand " + i + " ('" + n.inputs().get(i)
                + "') is computed from the input, but shapes, axes, pads, scales and fill values must be constants",
                "wiring that depends on values", "constants in their place: a circuit's wiring is fixed before the"
                + " input is known (fold the shape computation, as the quantizer does for static shapes)");
    }
}
