package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Dim;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link ShapeInference} rules of operators whose result depends on index operands (axes, starts, ends, pads)
 * given as attributes in older opsets and as inputs in newer ones: Squeeze, Unsqueeze, ReduceMean, ReduceSum,
 * Slice, Pad. An operand that is not a constant leaves the affected dimensions unknown.
 */
final class AxisShapeRules {

    private AxisShapeRules() {
    }

    private static long[] constantOrAttribute(Node n, Map<String, Tensor> constants, int input, String attribute,
                                              boolean fromInput) {
        if (!fromInput) {
            return n.intsAttr(attribute, null);
        }
        if (!n.hasInput(input)) {
            return null;
        }
        Tensor t = constants.get(n.inputs().get(input));
        return t == null ? UNKNOWN_VALUES : t.longs();
    }

    private static final long[] UNKNOWN_VALUES = new long[0];

    static Shape slice(Node n, Shape x, Map<String, Tensor> constants, int opset) {
        boolean in = opset >= 10;
        long[] starts = constantOrAttribute(n, constants, 1, "starts", in);
        long[] ends = constantOrAttribute(n, constants, 2, "ends", in);
        long[] axes = constantOrAttribute(n, constants, 3, "axes", in);
        long[] steps = in ? constantOrAttribute(n, constants, 4, "steps", true) : null;
        if (starts == UNKNOWN_VALUES || ends == UNKNOWN_VALUES || axes == UNKNOWN_VALUES || steps == UNKNOWN_VALUES
                || starts == null || ends == null) {
            return new Shape(java.util.Collections.nCopies(x.rank(), ShapeInference.UNKNOWN));
        }
        List<Dim> out = new ArrayList<>(x.dims());
        for (int i = 0; i < starts.length; i++) {
            int d = Nd.axis(axes == null ? i : axes[i], x.rank(), n.describe());
            Dim dim = x.dims().get(d);
            out.set(d, dim.isStatic() ? Dim.of(IndexOps.sliceBounds(dim.value(), starts[i], ends[i],
                    steps == null ? 1 : steps[i])[1]) : ShapeInference.UNKNOWN);
        }
        return new Shape(out);
    }

    static Shape pad(Node n, Shape x, Map<String, Tensor> constants, int opset) {
        long[] pads = constantOrAttribute(n, constants, 1, "pads", opset >= 11);
        if (pads == null || pads == UNKNOWN_VALUES || pads.length != 2 * x.rank()) {
            return new Shape(java.util.Collections.nCopies(x.rank(), ShapeInference.UNKNOWN));
        }
        List<Dim> out = new ArrayList<>();
        for (int d = 0; d < x.rank(); d++) {
            Dim dim = x.dims().get(d);
            out.add(dim.isStatic() ? Dim.of(dim.value() + pads[d] + pads[d + x.rank()]) : ShapeInference.UNKNOWN);
        }
        return new Shape(out);
    }

    /** Squeeze, Unsqueeze and the reductions: their axes come from an attribute or, in newer opsets, a constant. */
    static Shape axesOp(Node n, Shape x, Map<String, Tensor> constants, int opset) {
        String op = n.opType();
        boolean fromInput = opset >= (op.equals("ReduceMean") ? 18 : 13);
        long[] axes;
        if (fromInput) {
            if (!n.hasInput(1)) {
                axes = null;
            } else if (constants.containsKey(n.inputs().get(1))) {
                axes = constants.get(n.inputs().get(1)).longs();
            } else {
                throw new IllegalArgumentException("the axes input must be a constant");
            }
        } else {
            axes = n.intsAttr("axes", null);
        }
        if (op.equals("Unsqueeze")) {
            if (axes == null) {
                throw new IllegalArgumentException("axes are required");
            }
            int rank = x.rank() + axes.length;
            boolean[] added = new boolean[rank];
            for (long a : axes) {
                added[Nd.axis(a, rank, n.describe())] = true;
            }
            List<Dim> out = new ArrayList<>();
            int from = 0;
            for (int d = 0; d < rank; d++) {
                out.add(added[d] ? Dim.of(1) : x.dims().get(from++));
            }
            return new Shape(out);
        }
        boolean[] selected = new boolean[x.rank()];
        boolean reduce = !op.equals("Squeeze");
        if (axes == null || axes.length == 0) {
            if (reduce && fromInput && n.intAttr("noop_with_empty_axes", 0) != 0) {
                return x;
            }
            for (int d = 0; d < x.rank(); d++) {
                selected[d] = reduce || x.dims().get(d).equals(Dim.of(1));
            }
        } else {
            for (long a : axes) {
                selected[Nd.axis(a, x.rank(), n.describe())] = true;
            }
        }
        boolean keep = reduce && n.intAttr("keepdims", 1) != 0;
        List<Dim> out = new ArrayList<>();
        for (int d = 0; d < x.rank(); d++) {
            if (!selected[d]) {
                out.add(x.dims().get(d));
            } else if (keep) {
                out.add(Dim.of(1));
            }
        }
        return new Shape(out);
    }
}
