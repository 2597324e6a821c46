package io.zkinfer.inference.onnx;

import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.TensorInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Puts nodes in topological order (Kahn's algorithm, keeping file order among ready nodes), refusing values
 * produced twice, inputs nobody defines, and cycles (naming the nodes on or behind the cycle). Linear in the
 * size of the graph.
 */
final class GraphOrder {

    private GraphOrder() {
    }

    static List<Node> topological(List<Node> nodes, List<TensorInfo> inputs, Set<String> constants) {
        Set<String> sources = new HashSet<>(constants);
        for (TensorInfo in : inputs) {
            sources.add(in.name());
        }
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String out : nodes.get(i).outputs()) {
                if (out.isEmpty()) {
                    continue;
                }
                if (sources.contains(out)) {
                    throw new OnnxImportException("output '" + out + "' of " + nodes.get(i).describe()
                            + " redefines a graph input or initializer");
                }
                Integer before = producer.put(out, i);
                if (before != null) {
                    throw new OnnxImportException("value '" + out + "' is produced by both "
                            + nodes.get(before).describe() + " and " + nodes.get(i).describe());
                }
            }
        }
        int[] pending = new int[nodes.size()];
        List<List<Integer>> consumers = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            consumers.add(new ArrayList<>());
        }
        for (int i = 0; i < nodes.size(); i++) {
            Set<Integer> deps = new HashSet<>();
            for (String in : nodes.get(i).inputs()) {
                if (in.isEmpty() || sources.contains(in)) {
                    continue;
                }
                Integer p = producer.get(in);
                if (p == null) {
                    throw new OnnxImportException("input '" + in + "' of " + nodes.get(i).describe()
                            + " is not defined by any graph input, initializer or node output");
                }
                if (deps.add(p)) {
                    consumers.get(p).add(i);
                    pending[i]++;
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        List<Node> ordered = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            ordered.add(nodes.get(i));
            for (int c : consumers.get(i)) {
                if (--pending[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (ordered.size() != nodes.size()) {
            List<String> stuck = new ArrayList<>();
            for (int i = 0; i < nodes.size() && stuck.size() < 10; i++) {
                if (pending[i] > 0) {
                    stuck.add("'" + nodes.get(i).name() + "'");
                }
            }
            throw new OnnxImportException("the graph has a cycle: nodes " + String.join(", ", stuck)
                    + (nodes.size() - ordered.size() > stuck.size() ? ", …" : "")
                    + " depend on their own outputs; an ONNX graph must be acyclic");
        }
        return ordered;
    }
}
