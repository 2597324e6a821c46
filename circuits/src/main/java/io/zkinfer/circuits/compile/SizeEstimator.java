package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.compile.LinearSizes.Sized;
import io.zkinfer.circuits.gadgets.Interval;
import io.zkinfer.inference.exec.IntegerDataOps;
import io.zkinfer.inference.exec.Nd;
import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.quant.IntegerExecutor;
import io.zkinfer.inference.quant.QuantizedModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a model's integer graph as {@link ModelCompiler} builds it, one {@link EstimatedTensor} per value instead of
 * one signal per element, and adds up the constraints each node's gadgets would make ({@link LinearSizes},
 * {@link PointwiseSizes}, {@link WindowSizes}); nodes on constants are folded by the integer executor, as the
 * compiler folds them, and data movements are run by the executor on zeros for their shapes. Refuses what the
 * compiler refuses, with the same {@link UnsupportedOperatorException}.
 */
final class SizeEstimator {

    private final ModelPlan plan;
    private final Map<String, EstimatedTensor> values = new HashMap<>();
    private final List<CircuitSizeEstimate.Part> parts = new ArrayList<>();

    private SizeEstimator(ModelPlan plan) {
        this.plan = plan;
    }

    static CircuitSizeEstimate estimate(ModelPlan plan) {
        SizeEstimator e = new SizeEstimator(plan);
        e.walk();
        long total = e.parts.stream().mapToLong(CircuitSizeEstimate.Part::constraints).sum();
        return new CircuitSizeEstimate(name(plan.graph), plan.visibility, total, e.parts);
    }

    private static String name(Graph g) {
        return g.name() == null || g.name().isBlank() ? "(unnamed graph)" : g.name();
    }

    private void walk() {
        int bits = plan.activationBits;
        long inputs = 0;
        for (Map.Entry<String, long[]> in : plan.inputShapes.entrySet()) {
            EstimatedTensor t = EstimatedTensor.signals(in.getValue(), Interval.signedBits(bits), false);
            values.put(in.getKey(), t);
            inputs += t.size();
        }
        part("input", "input", inputs * GadgetCosts.bits(bits));
        plan.initializers.forEach((name, nd) -> values.put(name, EstimatedTensor.constant(nd)));
        long weights = 0;
        if (plan.visibility.weights() == Visibility.HASHED) {
            for (String w : plan.weights) {
                long[] shape = plan.initializers.get(w).shape();
                values.put(w, EstimatedTensor.signals(shape, plan.weightRange(w), false));
                weights += Tensor.elementCount(shape);
            }
        }
        List<Node> nodes = plan.graph.nodes();
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            part(ModelCompiler.scopeName(n, k), n.opType(), node(n, k));
        }
        VisibilityOptions v = plan.visibility;
        long outputs = 0;
        long published = 0;
        for (TensorInfo out : plan.graph.outputs()) {
            EstimatedTensor t = value(out.name());
            outputs += t.size();
            published += t.wires() ? 0 : t.size();
        }
        if (v.output() == Visibility.PUBLIC) {
            part("output", "output", published);
        }
        // each commitment, a combination of the last round's wires, is published by one more constraint
        long commit = (v.output() == Visibility.HASHED ? GadgetCosts.poseidonTree(outputs) + 1 : 0)
                + (v.input() == Visibility.HASHED ? GadgetCosts.poseidonTree(inputs) + 1 : 0)
                + (v.weights() == Visibility.HASHED ? GadgetCosts.poseidonTree(weights) + 1 : 0);
        if (commit > 0) {
            part("commit", "commit", commit);
        }
    }

    private void part(String scope, String operator, long constraints) {
        parts.add(new CircuitSizeEstimate.Part(scope, operator, constraints));
    }

    /** The constraints of node {@code k}; defines its output. */
    private long node(Node n, int k) {
        if (plan.folded[k] && !isConstant(n.inputs().get(0))) {
            return 0; // a Relu folded into its Rescale
        }
        if (n.inputs().stream().allMatch(i -> i.isEmpty() || isConstant(i))) {
            values.put(n.outputs().get(0), EstimatedTensor.constant(fold(n)));
            return 0;
        }
        try {
            Sized s = sized(n, k);
            int relu = n.opType().equals("Rescale") ? plan.reluFoldedInto[k] : -1;
            Node target = relu < 0 ? n : plan.graph.nodes().get(relu);
            values.put(target.outputs().get(0), s.out());
            return s.constraints();
        } catch (UnsupportedOperatorException e) {
            throw e;
        } catch (IllegalArgumentException | ArithmeticException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            if (m.contains("'" + n.name() + "'")) {
                throw e;
            }
            throw e instanceof ArithmeticException ? new ArithmeticException(n.describe() + ": " + m)
                    : new IllegalArgumentException(n.describe() + ": " + m, e);
        }
    }

    private Sized sized(Node n, int k) {
        return switch (n.opType()) {
            case "IntMatMul" -> LinearSizes.matMul(n, input(n, 0), input(n, 1), optional(n, 2));
            case "IntConv" -> LinearSizes.conv(n, input(n, 0), input(n, 1), optional(n, 2));
            case "IntConvTranspose" -> LinearSizes.convTranspose(n, input(n, 0), input(n, 1), optional(n, 2));
            case "IntAdd" -> PointwiseSizes.addOrSubtract(n, input(n, 0), input(n, 1), false);
            case "IntSub" -> PointwiseSizes.addOrSubtract(n, input(n, 0), input(n, 1), true);
            case "IntMul" -> PointwiseSizes.multiply(n, input(n, 0), input(n, 1));
            case "IntDiv" -> PointwiseSizes.divide(n, input(n, 0), input(n, 1));
            case "Rescale" -> PointwiseSizes.rescale(n, input(n, 0), plan.reluFoldedInto[k] >= 0);
            case "Lookup" -> PointwiseSizes.lookup(n, input(n, 0), input(n, 1));
            case "Relu" -> PointwiseSizes.relu(input(n, 0));
            case "MaxPool" -> WindowSizes.maxPool(n, input(n, 0));
            case "IntAvgPool" -> WindowSizes.averagePool(n, input(n, 0));
            case "IntSum" -> WindowSizes.reduce(n, input(n, 0), false);
            case "IntMean" -> WindowSizes.reduce(n, input(n, 0), true);
            case "IntSoftmax" -> WindowSizes.softmax(n, input(n, 0), input(n, 1));
            default -> new Sized(move(n), 0);
        };
    }

    /** A data movement: free; the executor, run on zeros, gives the shape (see {@link DataMovement}). */
    private EstimatedTensor move(Node n) {
        for (int i = 1; i < n.inputs().size(); i++) {
            if (n.hasInput(i) && !DataMovement.isData(n, i) && !value(n.inputs().get(i)).isConstant()) {
                throw DataMovement.computedOperand(n, i);
            }
        }
        EstimatedTensor x = input(n, 0);
        switch (n.opType()) {
            case "Identity" -> {
                return x;
            }
            case "Cast" -> {
                DataMovement.requireIntegerCast(n);
                return x;
            }
            case "Shape" -> {
                return EstimatedTensor.constant(IntegerDataOps.movement(n, List.of(zeros(x.shape())),
                        plan.graph.opset()));
            }
            default -> {
                return rewire(n);
            }
        }
    }

    private EstimatedTensor rewire(Node n) {
        List<Nd> args = new ArrayList<>();
        Interval range = null;
        boolean wires = true;
        for (int i = 0; i < n.inputs().size(); i++) {
            if (!n.hasInput(i)) {
                args.add(null);
            } else if (DataMovement.isData(n, i)) {
                EstimatedTensor t = value(n.inputs().get(i));
                args.add(zeros(t.shape()));
                range = LinearSizes.hull(range, t.range());
                wires &= t.wires();
            } else {
                args.add(value(n.inputs().get(i)).constant());
            }
        }
        Node node = n;
        if (n.opType().equals("Pad")) {
            long fill = 0;
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
            if (padsOutward(n, args)) {
                range = LinearSizes.hull(range, Interval.of(fill, fill));
                wires = false;
            }
        }
        Nd moved = IntegerDataOps.movement(node, args, plan.graph.opset());
        return EstimatedTensor.signals(moved.shape(), range == null ? Interval.of(0, 0) : range, wires);
    }

    /** Whether a Pad adds positions holding its constant: constant mode with some pad above 0. */
    private static boolean padsOutward(Node n, List<Nd> args) {
        if (!n.stringAttr("mode", "constant").equals("constant")) {
            return false;
        }
        long[] pads = args.size() > 1 && args.get(1) != null ? args.get(1).longs("pads")
                : n.intsAttr("pads", new long[0]);
        for (long p : pads) {
            if (p > 0) {
                return true;
            }
        }
        return false;
    }

    /** A node all of whose inputs are constants, run by the integer executor itself (as the compiler does). */
    private Nd fold(Node n) {
        Map<String, Tensor> constants = new LinkedHashMap<>();
        for (String in : n.inputs()) {
            if (!in.isEmpty()) {
                constants.put(in, value(in).constant().toTensor());
            }
        }
        String out = n.outputs().get(0);
        Graph g = new Graph("fold", plan.graph.opset(), List.of(),
                List.of(new TensorInfo(out, DataType.INT64, Shape.of())), List.of(n), constants);
        QuantizedModel m = new QuantizedModel(g, plan.model.settings());
        return Nd.of(new IntegerExecutor(m, null).runIntegers(Map.of()).get(out));
    }

    private static Nd zeros(long[] shape) {
        return Nd.ofLongs(DataType.INT64, shape, new long[(int) Tensor.elementCount(shape)]);
    }

    private EstimatedTensor input(Node n, int i) {
        return value(n.inputs().get(i));
    }

    private EstimatedTensor optional(Node n, int i) {
        return n.hasInput(i) ? value(n.inputs().get(i)) : null;
    }

    /** Whether {@code name} is a constant of the circuit (an undefined name, such as a folded Relu's input, is not). */
    private boolean isConstant(String name) {
        EstimatedTensor t = values.get(name);
        return t != null && t.isConstant();
    }

    private EstimatedTensor value(String name) {
        EstimatedTensor t = values.get(name);
        if (t == null) {
            throw new IllegalStateException("value '" + name + "' is not defined before its use");
        }
        return t;
    }
}
