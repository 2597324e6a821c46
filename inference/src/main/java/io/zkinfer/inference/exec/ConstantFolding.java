package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Constant folding: every node whose inputs are all constants, and every {@code Shape} of a value whose shape
 * {@link ShapeInference} knows statically, is evaluated once (with the {@link FloatExecutor} semantics) and
 * replaced by a constant; repeated until nothing changes, so that the shape-computation chains exporters emit
 * (Shape, Gather, Unsqueeze, Concat, Cast, Slice → Reshape) collapse into constant operands. Constants no node
 * or output uses any more are dropped.
 */
public final class ConstantFolding {

    private ConstantFolding() {
    }

    /** {@code graph} with its constant subcomputations folded. */
    public static Graph fold(Graph graph) {
        Graph current = graph;
        while (true) {
            Graph next = foldOnce(current);
            if (next.nodes().size() == current.nodes().size()) {
                return prune(next);
            }
            current = next;
        }
    }

    private static Graph foldOnce(Graph g) {
        Map<String, Shape> shapes;
        try {
            shapes = ShapeInference.infer(g);
        } catch (IllegalArgumentException e) {
            shapes = Map.of(); // fold what needs no shapes; the executor will report the problem at run time
        }
        Map<String, Tensor> constants = new LinkedHashMap<>(g.initializers());
        Map<String, Nd> values = new HashMap<>();
        List<Node> kept = new ArrayList<>();
        for (Node n : g.nodes()) {
            Tensor folded = null;
            if (n.opType().equals("Shape")) {
                Shape s = shapes.get(n.inputs().get(0));
                if (s != null && s.isStatic()) {
                    long[] dims = IndexOps.shapeOf(n, s.sizes());
                    folded = Tensor.ofLongs(DataType.INT64, new long[] {dims.length}, dims);
                }
            } else if (n.outputs().size() == 1 && n.inputs().stream().allMatch(i -> i.isEmpty()
                    || constants.containsKey(i))) {
                for (String i : n.inputs()) {
                    if (!i.isEmpty()) {
                        values.computeIfAbsent(i, k -> Nd.of(constants.get(k)));
                    }
                }
                folded = FloatExecutor.execute(n, values, g.opset()).toTensor();
            }
            if (folded == null) {
                kept.add(n);
            } else {
                constants.put(n.outputs().get(0), folded);
            }
        }
        return new Graph(g.name(), g.opset(), g.inputs(), g.outputs(), kept, constants);
    }

    /** {@code g} without the constants that no node or output reads. */
    static Graph prune(Graph g) {
        Set<String> used = new HashSet<>();
        g.nodes().forEach(n -> used.addAll(n.inputs()));
        g.outputs().stream().map(TensorInfo::name).forEach(used::add);
        Map<String, Tensor> constants = new LinkedHashMap<>();
        g.initializers().forEach((name, t) -> {
            if (used.contains(name)) {
                constants.put(name, t);
            }
        });
        return new Graph(g.name(), g.opset(), g.inputs(), g.outputs(), g.nodes(), constants);
    }
}
