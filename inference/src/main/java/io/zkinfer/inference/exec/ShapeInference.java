package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Dim;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Static shape inference: the shape of every value of a {@link Graph}, from the declared input shapes and the
 * constants, by the ONNX shape rules of each operator. A named dynamic dimension (such as a batch size) is carried
 * through where it passes unchanged; where it is combined arithmetically the result is an unnamed dynamic
 * dimension ({@code ?}). Inferred graph outputs must agree with the declared ones where both are static.
 */
public final class ShapeInference {

    static final Dim UNKNOWN = Dim.named("");

    private ShapeInference() {
    }

    /** The shape of every value name (inputs, constants, node outputs); throws naming the node that fails. */
    public static Map<String, Shape> infer(Graph graph) {
        Map<String, Shape> shapes = new HashMap<>();
        graph.inputs().forEach(i -> shapes.put(i.name(), i.shape()));
        graph.initializers().forEach((name, t) -> shapes.put(name, Shape.of(t.shape())));
        for (Node n : graph.nodes()) {
            Shape out;
            try {
                out = infer(n, shapes, graph.initializers(), graph.opset());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException("shape inference failed at " + n.describe() + ": "
                        + e.getMessage(), e);
            }
            shapes.put(n.outputs().get(0), out);
        }
        for (TensorInfo o : graph.outputs()) {
            Shape inferred = shapes.get(o.name());
            if (!compatible(inferred, o.shape())) {
                throw new IllegalArgumentException("graph output '" + o.name() + "' is declared " + o.shape()
                        + " but computes " + inferred);
            }
        }
        return shapes;
    }

    private static Shape infer(Node n, Map<String, Shape> s, Map<String, Tensor> constants, int opset) {
        Shape x = s.get(n.inputs().get(0));
        return switch (n.opType()) {
            case "Relu", "Softmax", "Identity", "Sigmoid", "Tanh", "LeakyRelu", "Clip", "Sqrt", "HardSigmoid",
                    "HardSwish", "BatchNormalization", "Cast", "QuantizeLinear", "DequantizeLinear" -> x;
            case "Shape" -> {
                int start = (int) Math.max(0, Math.min(x.rank(), n.intAttr("start", 0) < 0
                        ? n.intAttr("start", 0) + x.rank() : n.intAttr("start", 0)));
                long endAttr = n.intAttr("end", x.rank());
                int end = (int) Math.max(0, Math.min(x.rank(), endAttr < 0 ? endAttr + x.rank() : endAttr));
                yield Shape.of(Math.max(0, end - start));
            }
            case "Gather" -> {
                int axis = Nd.axis(n.intAttr("axis", 0), x.rank(), n.describe());
                List<Dim> out = new ArrayList<>(x.dims().subList(0, axis));
                out.addAll(s.get(n.inputs().get(1)).dims());
                out.addAll(x.dims().subList(axis + 1, x.rank()));
                yield new Shape(out);
            }
            case "Resize" -> resize(n, x, constants);
            case "ConvTranspose" -> {
                requireRank(x, 4, "X");
                Shape w = s.get(n.inputs().get(1));
                requireRank(w, 4, "W");
                long[] ws = w.sizes();
                Dim channels = Dim.of(ws[1] * n.intAttr("group", 1));
                if (!x.dims().get(2).isStatic() || !x.dims().get(3).isStatic()) {
                    yield new Shape(List.of(x.dims().get(0), channels, UNKNOWN, UNKNOWN));
                }
                long[] g = ConvTransposeOp.geometry(n, x.dims().get(2).value(), x.dims().get(3).value(), ws[2], ws[3]);
                yield new Shape(List.of(x.dims().get(0), channels, Dim.of(g[0]), Dim.of(g[1])));
            }
            case "Slice" -> AxisShapeRules.slice(n, x, constants, opset);
            case "Pad" -> AxisShapeRules.pad(n, x, constants, opset);
            case "Add", "Sub", "Mul", "Div", "Pow" -> broadcast(x, s.get(n.inputs().get(1)));
            case "Squeeze", "Unsqueeze", "ReduceMean", "ReduceSum" -> AxisShapeRules.axesOp(n, x, constants, opset);
            case "Transpose" -> {
                long[] perm = n.intsAttr("perm", null);
                List<Dim> out = new ArrayList<>();
                for (int i = 0; i < x.rank(); i++) {
                    out.add(x.dims().get(perm == null ? x.rank() - 1 - i : (int) perm[i]));
                }
                yield new Shape(out);
            }
            case "Concat" -> {
                int axis = Nd.axis(n.intAttr("axis", 0), x.rank(), n.describe());
                List<Dim> out = new ArrayList<>(x.dims());
                List<Dim> along = new ArrayList<>();
                n.inputs().stream().filter(i -> !i.isEmpty()).forEach(i -> along.add(s.get(i).dims().get(axis)));
                out.set(axis, along.stream().allMatch(Dim::isStatic)
                        ? Dim.of(along.stream().mapToLong(Dim::value).sum()) : UNKNOWN);
                yield new Shape(out);
            }
            case "GlobalAveragePool" -> {
                List<Dim> out = new ArrayList<>(x.dims().subList(0, 2));
                while (out.size() < x.rank()) {
                    out.add(Dim.of(1));
                }
                yield new Shape(out);
            }
            case "Gemm" -> {
                Shape b = s.get(n.inputs().get(1));
                requireRank(x, 2, "A");
                requireRank(b, 2, "B");
                Dim m = x.dims().get(n.intAttr("transA", 0) != 0 ? 1 : 0);
                Dim cols = b.dims().get(n.intAttr("transB", 0) != 0 ? 0 : 1);
                yield new Shape(List.of(m, cols));
            }
            case "MatMul", "MatMulInteger" -> matmul(x, s.get(n.inputs().get(1)));
            case "QLinearMatMul" -> matmul(x, s.get(n.inputs().get(3)));
            case "Flatten" -> {
                long axis = n.intAttr("axis", 1);
                int a = (int) (axis < 0 ? axis + x.rank() : axis);
                if (a < 0 || a > x.rank()) {
                    throw new IllegalArgumentException("axis " + axis + " out of range for rank " + x.rank());
                }
                yield new Shape(List.of(product(x.dims().subList(0, a)), product(x.dims().subList(a, x.rank()))));
            }
            case "Reshape" -> reshape(n, x, constants.get(n.inputs().get(1)), s.get(n.inputs().get(1)));
            case "Conv", "ConvInteger", "QLinearConv", "MaxPool", "AveragePool" -> window(n, x, s);
            default -> throw new IllegalArgumentException("no shape rule for " + n.opType());
        };
    }

    private static Shape resize(Node n, Shape x, Map<String, Tensor> constants) {
        Tensor sizes = n.hasInput(3) ? constants.get(n.inputs().get(3)) : null;
        Tensor scales = n.hasInput(2) ? constants.get(n.inputs().get(2)) : null;
        if (sizes != null && sizes.size() == x.rank()) {
            return Shape.of(sizes.longs());
        }
        if (scales != null && scales.size() == x.rank()) {
            float[] f = scales.floats();
            List<Dim> out = new ArrayList<>();
            for (int d = 0; d < x.rank(); d++) {
                Dim dim = x.dims().get(d);
                out.add(dim.isStatic() ? Dim.of((long) Math.floor(dim.value() * (double) f[d]))
                        : f[d] == 1f ? dim : UNKNOWN);
            }
            return new Shape(out);
        }
        return new Shape(java.util.Collections.nCopies(x.rank(), UNKNOWN));
    }

    private static Shape broadcast(Shape a, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            Dim da = i < r - a.rank() ? Dim.of(1) : a.dims().get(i - (r - a.rank()));
            Dim db = i < r - b.rank() ? Dim.of(1) : b.dims().get(i - (r - b.rank()));
            if (isOne(da)) {
                out.add(db);
            } else if (isOne(db) || da.equals(db)) {
                out.add(da);
            } else if (da.isStatic() && db.isStatic()) {
                throw new IllegalArgumentException("shapes " + a + " and " + b + " do not broadcast");
            } else {
                out.add(da.isStatic() ? da : db.isStatic() ? db : UNKNOWN);
            }
        }
        return new Shape(out);
    }

    private static Shape matmul(Shape a, Shape b) {
        List<Dim> da = new ArrayList<>(a.dims());
        List<Dim> db = new ArrayList<>(b.dims());
        if (a.rank() == 1) {
            da.add(0, Dim.of(1));
        }
        if (b.rank() == 1) {
            db.add(Dim.of(1));
        }
        Dim ka = da.get(da.size() - 1);
        Dim kb = db.get(db.size() - 2);
        if (ka.isStatic() && kb.isStatic() && ka.value() != kb.value()) {
            throw new IllegalArgumentException("inner dimensions differ, " + a + " x " + b);
        }
        Shape batch = broadcast(new Shape(da.subList(0, da.size() - 2)), new Shape(db.subList(0, db.size() - 2)));
        List<Dim> out = new ArrayList<>(batch.dims());
        if (a.rank() != 1) {
            out.add(da.get(da.size() - 2));
        }
        if (b.rank() != 1) {
            out.add(db.get(db.size() - 1));
        }
        return new Shape(out);
    }

    private static Shape reshape(Node n, Shape x, Tensor spec, Shape specShape) {
        if (spec == null) { // computed at run time: only the rank is known
            if (specShape.rank() != 1 || !specShape.dims().get(0).isStatic()) {
                throw new IllegalArgumentException("the target shape must be a 1-D tensor of known length");
            }
            return new Shape(java.util.Collections.nCopies((int) specShape.dims().get(0).value(), UNKNOWN));
        }
        long[] target = spec.longs();
        boolean allowZero = n.intAttr("allowzero", 0) == 1;
        List<Dim> out = new ArrayList<>();
        int inferred = -1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                inferred = i;
                out.add(UNKNOWN);
            } else if (target[i] == 0 && !allowZero) {
                if (i >= x.rank()) {
                    throw new IllegalArgumentException("0 at position " + i + " has no input dimension to copy");
                }
                out.add(x.dims().get(i));
            } else {
                out.add(Dim.of(target[i]));
            }
        }
        if (inferred >= 0) {
            List<Dim> rest = new ArrayList<>(out);
            rest.remove(inferred);
            List<Dim> remaining = new ArrayList<>(x.dims());
            for (Dim d : rest) { // cancel dimensions the target copies or repeats, then divide the static rest
                if (!d.isStatic() && remaining.remove(d)) {
                    continue;
                }
                if (!d.isStatic()) {
                    remaining = null;
                    break;
                }
            }
            if (remaining != null) {
                long in = 1;
                List<Dim> symbolic = new ArrayList<>();
                for (Dim d : remaining) {
                    if (d.isStatic()) {
                        in *= d.value();
                    } else {
                        symbolic.add(d);
                    }
                }
                long known = rest.stream().filter(Dim::isStatic).mapToLong(Dim::value).reduce(1, (p, q) -> p * q);
                if (known == 0 || in % known != 0) {
                    throw new IllegalArgumentException("cannot infer -1 in " + Arrays.toString(target) + " for "
                            + x);
                }
                if (symbolic.isEmpty()) {
                    out.set(inferred, Dim.of(in / known));
                } else if (symbolic.size() == 1 && in == known) {
                    out.set(inferred, symbolic.get(0));
                }
            }
        }
        return new Shape(out);
    }

    private static Shape window(Node n, Shape x, Map<String, Shape> s) {
        requireRank(x, 4, "X");
        Dim channels;
        int kh;
        int kw;
        if (n.opType().startsWith("Conv") || n.opType().equals("QLinearConv")) {
            Shape w = s.get(n.inputs().get(n.opType().equals("QLinearConv") ? 3 : 1));
            requireRank(w, 4, "W");
            long[] ws = w.sizes();
            channels = Dim.of(ws[0]);
            kh = (int) ws[2];
            kw = (int) ws[3];
        } else {
            long[] ks = n.intsAttr("kernel_shape", null);
            if (ks == null || ks.length != 2) {
                throw new IllegalArgumentException("kernel_shape of 2 values is required");
            }
            channels = x.dims().get(1);
            kh = (int) ks[0];
            kw = (int) ks[1];
        }
        Dim h = x.dims().get(2);
        Dim w = x.dims().get(3);
        if (!h.isStatic() || !w.isStatic()) {
            return new Shape(List.of(x.dims().get(0), channels, UNKNOWN, UNKNOWN));
        }
        Window2d g = Window2d.of(n, (int) h.value(), (int) w.value(), kh, kw, n.opType().endsWith("Pool"));
        return new Shape(List.of(x.dims().get(0), channels, Dim.of(g.outH()), Dim.of(g.outW())));
    }

    private static Dim product(List<Dim> dims) {
        long p = 1;
        Dim symbolic = null;
        for (Dim d : dims) {
            if (d.isStatic()) {
                p *= d.value();
            } else if (symbolic == null) {
                symbolic = d;
            } else {
                return UNKNOWN;
            }
        }
        return symbolic == null ? Dim.of(p) : p == 1 ? symbolic : UNKNOWN;
    }

    private static boolean isOne(Dim d) {
        return d.isStatic() && d.value() == 1;
    }

    private static void requireRank(Shape s, int rank, String what) {
        if (s.rank() != rank) {
            throw new IllegalArgumentException(what + " must have rank " + rank + ", has shape " + s);
        }
    }

    private static boolean compatible(Shape inferred, Shape declared) {
        if (inferred.rank() != declared.rank()) {
            return false;
        }
        for (int i = 0; i < inferred.rank(); i++) {
            Dim a = inferred.dims().get(i);
            Dim b = declared.dims().get(i);
            if (a.isStatic() && b.isStatic() && a.value() != b.value()) {
                return false;
            }
        }
        return true;
    }
}
