package io.zkinfer.inference.onnx;

import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rewrites done on import: {@code Constant} nodes into constants, {@code Identity}/{@code Dropout} removed. */
final class GraphRewrites {

    private GraphRewrites() {
    }

    /** Moves every {@code Constant} node's value into {@code constants} under its output name. */
    static List<Node> constantsToInitializers(List<Node> nodes, Map<String, Tensor> constants) {
        List<Node> kept = new ArrayList<>();
        for (Node n : nodes) {
            if (!n.opType().equals("Constant")) {
                kept.add(n);
                continue;
            }
            if (n.outputs().size() != 1 || n.outputs().get(0).isEmpty() || n.attributes().size() != 1) {
                throw new OnnxImportException(n.describe() + " must have one output and exactly one value"
                        + " attribute");
            }
            Map.Entry<String, Attribute> a = n.attributes().entrySet().iterator().next();
            Tensor value = switch (a.getKey()) {
                case "value" -> a.getValue() instanceof Attribute.TensorValue t ? t.value() : null;
                case "value_float" -> Tensor.ofFloats(new long[0], new float[] {n.floatAttr("value_float", 0)});
                case "value_int" -> Tensor.ofLongs(DataType.INT64, new long[0],
                        new long[] {n.intAttr("value_int", 0)});
                case "value_ints" -> {
                    long[] v = n.intsAttr("value_ints", null);
                    yield Tensor.ofLongs(DataType.INT64, new long[] {v.length}, v);
                }
                case "value_floats" -> {
                    if (!(a.getValue() instanceof Attribute.Floats floats)) {
                        throw new OnnxImportException("attribute 'value_floats' of " + n.describe()
                                + " should be a list of floats");
                    }
                    List<Float> f = floats.values();
                    float[] v = new float[f.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = f.get(i);
                    }
                    yield Tensor.ofFloats(new long[] {v.length}, v);
                }
                default -> null;
            };
            if (value == null) {
                throw new OnnxImportException(n.describe() + " holds its value as '" + a.getKey()
                        + "', which is not supported (value, value_float(s), value_int(s) are)");
            }
            if (constants.put(n.outputs().get(0), value) != null) {
                throw new OnnxImportException("value '" + n.outputs().get(0) + "' of " + n.describe()
                        + " is defined twice");
            }
        }
        return kept;
    }

    /**
     * Removes {@code Identity} and {@code Dropout} (inference mode: output = input) from topologically ordered
     * {@code nodes}, rewiring consumers to the original value. Where a graph output would then be a graph input
     * or constant (or another graph output), one {@code Identity} is kept to produce it.
     */
    static List<Node> removePassThrough(List<Node> nodes, List<TensorInfo> outputs, List<TensorInfo> inputs,
                                        Map<String, Tensor> constants) {
        Set<String> used = new HashSet<>(OnnxImporter.names(outputs));
        nodes.forEach(n -> used.addAll(n.inputs()));
        Map<String, String> alias = new HashMap<>();
        List<Node> kept = new ArrayList<>();
        for (Node n : nodes) {
            boolean passThrough = n.opType().equals("Identity") || n.opType().equals("Dropout");
            if (!passThrough) {
                kept.add(rewire(n, alias));
                continue;
            }
            if (!n.hasInput(0) || n.outputs().isEmpty() || n.outputs().get(0).isEmpty()) {
                throw new OnnxImportException(n.describe() + " needs an input and an output");
            }
            if (n.outputs().size() > 1 && !n.outputs().get(1).isEmpty() && used.contains(n.outputs().get(1))) {
                throw new OnnxImportException("the mask output of " + n.describe() + " is used; only inference-"
                        + "mode Dropout (output = input) is supported");
            }
            if (n.hasInput(2) && !trainingModeOff(constants.get(n.inputs().get(2)))) {
                throw new OnnxImportException(n.describe() + " has training_mode '" + n.inputs().get(2)
                        + "' that is not the constant false; only inference-mode Dropout is supported");
            }
            String in = n.inputs().get(0);
            alias.put(n.outputs().get(0), alias.getOrDefault(in, in));
        }
        Set<String> graphOutputs = OnnxImporter.names(outputs);
        Set<String> sources = new HashSet<>(constants.keySet());
        sources.addAll(OnnxImporter.names(inputs));
        Map<String, String> rename = new HashMap<>();
        List<Node> identities = new ArrayList<>();
        for (TensorInfo o : outputs) {
            String source = alias.get(o.name());
            if (source == null) {
                continue;
            }
            if (sources.contains(source) || graphOutputs.contains(source) || rename.containsKey(source)) {
                identities.add(new Node("Identity", "Identity_" + o.name(), List.of(source), List.of(o.name()),
                        Map.of()));
            } else {
                rename.put(source, o.name());
            }
        }
        List<Node> result = new ArrayList<>();
        for (Node n : kept) {
            result.add(rewire(n, rename));
        }
        for (Node n : identities) { // their source may itself have been renamed to an earlier graph output
            result.add(new Node(n.opType(), n.name(), List.of(rename.getOrDefault(n.inputs().get(0),
                    n.inputs().get(0))), n.outputs(), n.attributes()));
        }
        return result;
    }

    private static boolean trainingModeOff(Tensor t) {
        if (t == null || t.size() != 1) {
            return false;
        }
        return t.type().isFloating() ? t.floats()[0] == 0 : t.longs()[0] == 0;
    }

    private static Node rewire(Node n, Map<String, String> names) {
        if (names.isEmpty()) {
            return n;
        }
        List<String> ins = n.inputs().stream().map(s -> names.getOrDefault(s, s)).toList();
        List<String> outs = n.outputs().stream().map(s -> names.getOrDefault(s, s)).toList();
        return new Node(n.opType(), n.name(), ins, outs, n.attributes());
    }
}
