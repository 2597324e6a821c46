package io.zkinfer.inference.quant;

import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.quant.IntegerGraphBuilder.QValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lowers element-wise operators: Add/Sub (operands aligned to a common scale by {@code mul_a}/{@code mul_b}),
 * Mul, Div (a constant divisor becomes a multiplication by its quantized reciprocal, a computed one
 * {@code IntDiv}), Clip (a clamping {@code Rescale}), the nonlinear functions and Pow (as {@code Lookup} tables,
 * see {@link LookupTables}) and Softmax ({@code IntSoftmax}).
 */
final class PointwiseLowering {

    private PointwiseLowering() {
    }

    static void lower(Lowering l, Node n) {
        String out = Lowering.out(n);
        switch (n.opType()) {
            case "Add", "Sub" -> l.values.put(out, addSub(l, n));
            case "Mul" -> l.values.put(out, mul(l, n, n.inputs().get(0), n.inputs().get(1), false));
            case "Div" -> l.values.put(out, div(l, n));
            case "Pow" -> l.values.put(out, pow(l, n));
            case "Sigmoid", "Tanh", "Sqrt", "HardSigmoid", "HardSwish", "LeakyRelu" -> {
                QValue x = l.act(n.inputs().get(0));
                int sy = l.scaleOf(out);
                l.values.put(out, lookup(l, x, LookupTables.unary(LookupTables.function(n), x.scale(), sy, l.opt),
                        sy, out));
            }
            case "Clip" -> l.values.put(out, clip(l, n));
            case "Softmax" -> l.values.put(out, softmax(l, n));
            default -> throw new IllegalArgumentException("cannot quantize " + n.describe() + "; quantizable operators:"
                    + " " + quantizable());
        }
    }

    /** The operators the quantizer lowers: the executable ones except the pre-quantized forms. */
    static List<String> quantizable() {
        List<String> ops = new ArrayList<>(OnnxImporter.EXECUTABLE_OPERATORS);
        ops.removeAll(Lowering.PREQUANTIZED);
        return ops;
    }

    private static QValue addSub(Lowering l, Node n) {
        String aName = n.inputs().get(0);
        String bName = n.inputs().get(1);
        boolean sub = n.opType().equals("Sub");
        int sy = l.scaleOf(Lowering.out(n));
        if (l.isConstant(aName)) {
            QValue bv = l.act(bName);
            int sc = Math.max(bv.scale(), sy);
            return combine(l, n, wide(l, aName, 1, sc), bv, sub, sc, Lowering.out(n));
        }
        QValue a = l.act(aName);
        if (l.isConstant(bName)) {
            int sc = Math.max(a.scale(), sy);
            return combine(l, n, a, wide(l, bName, 1, sc), sub, sc, Lowering.out(n));
        }
        QValue bv = l.act(bName);
        return combine(l, n, a, bv, sub, Math.max(a.scale(), bv.scale()), Lowering.out(n));
    }

    /** {@code a + factor * c} for value {@code a} and value or constant {@code c} (Gemm's unfolded C). */
    static QValue add(Lowering l, Node n, QValue a, String cName, double factor, String out) {
        int sy = l.scaleOf(Lowering.out(n));
        if (l.isConstant(cName)) {
            int sc = Math.max(a.scale(), sy);
            return combine(l, n, a, wide(l, cName, factor, sc), false, sc, out);
        }
        if (factor != 1) {
            throw new IllegalArgumentException(n.describe() + ": beta " + factor + " with a computed C is not"
                    + " supported");
        }
        QValue c = l.act(cName);
        return combine(l, n, a, c, false, Math.max(a.scale(), c.scale()), out);
    }

    /** A float constant times {@code factor}, quantized at scale {@code s} as wide integers (an addend). */
    private static QValue wide(Lowering l, String name, double factor, int s) {
        float[] f = l.constant(name).floats();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = factor * f[i];
        }
        long[] q = ScaleRules.quantizeWide(d, s);
        return l.b.constant(name + "_q" + s, l.constant(name).shape(), q, s, ScaleRules.bitsFor(ScaleRules.maxAbs(q)));
    }

    /** IntAdd/IntSub at common scale {@code sc}, then a Rescale to the output scale. */
    private static QValue combine(Lowering l, Node n, QValue a, QValue b, boolean sub, int sc, String out) {
        long ma = ScaleRules.pow2(sc - a.scale());
        long mb = ScaleRules.pow2(sc - b.scale());
        long bound = ScaleRules.add(ScaleRules.mul(a.bound(), ma), ScaleRules.mul(b.bound(), mb));
        QValue sum = l.b.emit(sub ? "IntSub" : "IntAdd", l.b.fresh(out + "_acc"), List.of(a.name(), b.name()),
                Map.of("mul_a", new Attribute.Int(ma), "mul_b", new Attribute.Int(mb)), sc, bound);
        return l.b.rescale(sum, l.scaleOf(Lowering.out(n)), out);
    }

    /** {@code a * b}; with {@code reciprocal} the constant operand {@code b} is replaced by {@code 1 / b}. */
    private static QValue mul(Lowering l, Node n, String aName, String bName, boolean reciprocal) {
        String out = Lowering.out(n);
        QValue a;
        QValue b;
        long bBound;
        if (l.isConstant(aName) && !reciprocal) {
            return mul(l, n, bName, aName, false); // commutative: the constant second
        }
        a = l.act(aName);
        if (l.isConstant(bName)) {
            Tensor t = l.constant(bName);
            float[] f = t.floats();
            double[] d = new double[f.length];
            double max = 0;
            for (int i = 0; i < f.length; i++) {
                if (reciprocal && f[i] == 0) {
                    throw new IllegalArgumentException(n.describe() + ": the constant divisor contains 0");
                }
                d[i] = reciprocal ? 1.0 / f[i] : f[i];
                max = Math.max(max, Math.abs(d[i]));
            }
            int s = l.weightScale(max);
            long top = (1L << (l.opt.weightBits() - 1)) - 1;
            long[] q = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                q[i] = ScaleRules.quantize(d[i], s, -top - 1, top);
            }
            b = l.b.constant(bName + (reciprocal ? "_inv_q" : "_q"), t.shape(), q, s, l.opt.weightBits());
        } else {
            b = l.act(bName);
        }
        bBound = b.bound();
        QValue prod = l.b.emit("IntMul", l.b.fresh(out + "_acc"), List.of(a.name(), b.name()), Map.of(),
                a.scale() + b.scale(), ScaleRules.mul(a.bound(), bBound));
        return l.b.rescale(prod, l.scaleOf(out), out);
    }

    private static QValue div(Lowering l, Node n) {
        String aName = n.inputs().get(0);
        String bName = n.inputs().get(1);
        if (l.isConstant(bName)) {
            return mul(l, n, aName, bName, true);
        }
        String out = Lowering.out(n);
        QValue a = l.act(aName);
        QValue b = l.act(bName);
        int sign = l.isConstant(bName) ? 0 : l.stats.sign(bName);
        if (sign != 0) {
            // a divisor that calibration saw strictly positive (negative), e.g. sqrt(var + eps), is kept >= 1
            // (<= -1) so that its rounding to 0 cannot make the division fail
            long lo = sign > 0 ? 1 : l.opt.activationMin();
            long hi = sign > 0 ? l.opt.activationMax() : -1;
            b = l.b.rescale(b, b.scale(), l.b.fresh(out + "_divisor"), lo, hi);
        }
        int sy = l.scaleOf(out);
        int shift = sy + b.scale() - a.scale(); // q_y = q_a * 2^shift / q_b
        int used = Math.max(shift, 0);
        QValue q = l.b.emit("IntDiv", l.b.fresh(out + "_div"), List.of(a.name(), b.name()),
                Map.of("shift", new Attribute.Int(used)), a.scale() - b.scale() + used,
                ScaleRules.mul(a.bound(), ScaleRules.pow2(used)));
        return l.b.rescale(q, sy, out);
    }

    private static QValue pow(Lowering l, Node n) {
        String eName = n.inputs().get(1);
        float[] e = l.isConstant(eName) ? l.constant(eName).floats() : null;
        if (e == null || e.length != 1 || e[0] != Math.rint(e[0]) || Math.abs(e[0]) > 16) {
            throw new IllegalArgumentException(n.describe() + ": only a constant scalar integer exponent in [-16, 16]"
                    + " can be quantized");
        }
        QValue x = l.act(n.inputs().get(0));
        int sy = l.scaleOf(Lowering.out(n));
        return lookup(l, x, LookupTables.pow((long) e[0], x.scale(), sy, l.opt), sy, Lowering.out(n));
    }

    /** {@code Lookup(x, table)} with the table as an INT64 initializer and offset {@code 2^(b-1)}. */
    private static QValue lookup(Lowering l, QValue x, long[] table, int sy, String out) {
        if (x.bound() > l.b.activationBound()) {
            x = l.b.rescale(x, x.scale(), l.b.fresh(out + "_in"));
        }
        QValue t = l.b.constant(out + "_table", new long[] {table.length}, table, sy, l.opt.activationBits());
        return l.b.emit("Lookup", out, List.of(x.name(), t.name()),
                Map.of("offset", new Attribute.Int(l.b.activationBound())), sy, t.bound());
    }

    private static QValue clip(Lowering l, Node n) {
        double lo;
        double hi;
        if (l.g.opset() < 11) {
            lo = n.floatAttr("min", -Float.MAX_VALUE);
            hi = n.floatAttr("max", Float.MAX_VALUE);
        } else {
            lo = bound(l, n, 1, -Float.MAX_VALUE);
            hi = bound(l, n, 2, Float.MAX_VALUE);
        }
        QValue x = l.act(n.inputs().get(0));
        int sy = l.scaleOf(Lowering.out(n));
        long qlo = ScaleRules.quantize(lo, sy, l.opt.activationMin(), l.opt.activationMax());
        long qhi = ScaleRules.quantize(hi, sy, l.opt.activationMin(), l.opt.activationMax());
        return l.b.rescale(x, sy, Lowering.out(n), qlo, Math.max(qlo, qhi));
    }

    private static double bound(Lowering l, Node n, int i, double fallback) {
        if (!n.hasInput(i)) {
            return fallback;
        }
        if (!l.isConstant(n.inputs().get(i))) {
            throw new IllegalArgumentException(n.describe() + ": the clip bounds must be constants");
        }
        return l.constant(n.inputs().get(i)).floats()[0];
    }

    /** IntSoftmax with an exp table for the input scale; the output scale is at most {@code b - 2}. */
    private static QValue softmax(Lowering l, Node n) {
        String out = Lowering.out(n);
        QValue x = l.act(n.inputs().get(0));
        int rank = l.shape(n.inputs().get(0)).length;
        long axisAttr = n.intAttr("axis", l.g.opset() >= 13 ? -1 : 1);
        int axis = (int) (axisAttr < 0 ? axisAttr + rank : axisAttr);
        int sy = Math.min(l.scaleOf(out), l.opt.activationBits() - 2);
        long[] table = LookupTables.exp(x.scale(), l.opt);
        QValue t = l.b.constant(out + "_exp", new long[] {table.length}, table, LookupTables.expBits(l.opt),
                ScaleRules.bitsFor(ScaleRules.maxAbs(table)));
        long bound = 1L << sy;
        l.b.check(out, "IntSoftmax", "product e*2^out_shift", ScaleRules.mul(t.bound(), ScaleRules.pow2(sy)));
        Map<String, Attribute> attrs = Map.of("axis", new Attribute.Int(-1), "out_shift", new Attribute.Int(sy));
        if (l.g.opset() >= 13 || axis == rank - 1) {
            Map<String, Attribute> a = Map.of("axis", new Attribute.Int(axis), "out_shift", new Attribute.Int(sy));
            return l.b.emit("IntSoftmax", out, List.of(x.name(), t.name()), a, sy, bound);
        }
        // before opset 13 the input is coerced to 2D at axis and normalised over the trailing block
        QValue shape = l.b.emit("Shape", l.b.fresh(out + "_shape"), List.of(x.name()), Map.of(), null, 0);
        QValue flat = l.b.emit("Flatten", l.b.fresh(out + "_2d"), List.of(x.name()),
                Map.of("axis", new Attribute.Int(axis)), x.scale(), x.bound());
        QValue sm = l.b.emit("IntSoftmax", l.b.fresh(out + "_sm"), List.of(flat.name(), t.name()), attrs, sy, bound);
        return l.b.emit("Reshape", out, List.of(sm.name(), shape.name()), Map.of(), sy, bound);
    }
}
