package io.zkinfer.inference.ir;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model as a dataflow graph: declared {@code inputs}, constant {@code initializers}, {@code nodes} in
 * topological order (every node input is a graph input, an initializer, or an output of an earlier node), and
 * declared {@code outputs}, each produced by a node, an initializer or an input. {@code opset} is the version of
 * the default ONNX operator set whose semantics the nodes follow. The constructor checks these invariants and
 * that every value name is defined once. Immutable.
 */
public record Graph(String name, int opset, List<TensorInfo> inputs, List<TensorInfo> outputs, List<Node> nodes,
                    Map<String, Tensor> initializers) {

    public Graph {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        nodes = List.copyOf(nodes);
        initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
        Set<String> defined = new HashSet<>();
        for (TensorInfo in : inputs) {
            define(defined, in.name(), "graph input");
        }
        for (String init : initializers.keySet()) {
            define(defined, init, "initializer");
        }
        for (Node n : nodes) {
            for (String in : n.inputs()) {
                if (!in.isEmpty() && !defined.contains(in)) {
                    throw new IllegalArgumentException("input '" + in + "' of " + n.describe()
                            + " is not defined before it");
                }
            }
            for (String out : n.outputs()) {
                if (!out.isEmpty()) {
                    define(defined, out, "output of " + n.describe());
                }
            }
        }
        for (TensorInfo out : outputs) {
            if (!defined.contains(out.name())) {
                throw new IllegalArgumentException("graph output '" + out.name() + "' is not produced by any node");
            }
        }
    }

    private static void define(Set<String> defined, String name, String what) {
        if (!defined.add(name)) {
            throw new IllegalArgumentException("value '" + name + "' is defined twice (again as " + what + ")");
        }
    }
}
