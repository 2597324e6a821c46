package io.zkinfer.prover.model;

import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.ScopeStatistics;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.quant.QuantizedModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a compiled model's constraints go: one row per top-level scope of the {@link Circuit} (one per integer node,
 * named by the node with '/' replaced by '_', plus {@code input}, {@code output} and {@code commit}), with the
 * node's operator, and the same summed per operator.
 *
 * @param layers    the top-level scopes in the order they were opened, then constraints made outside every scope
 * @param operators per operator type, in order of first appearance
 * @param total     every constraint of the circuit
 */
public record LayerCosts(List<Layer> layers, List<Operator> operators, long total) {

    /** Operator shown for the scopes that are not nodes ({@code input}, {@code output}, {@code commit}). */
    public static final String NOT_A_NODE = "-";

    /** One layer: its scope, operator, constraints and wires (nested scopes included). */
    public record Layer(String scope, String op, long constraints, long wires) {
    }

    /** One operator type: how many layers have it and their constraints. */
    public record Operator(String op, int layers, long constraints) {
    }

    public LayerCosts {
        layers = List.copyOf(layers);
        operators = List.copyOf(operators);
    }

    /** The costs of {@code circuit}, compiled from {@code model}. */
    public static LayerCosts of(Circuit circuit, QuantizedModel model) {
        Map<String, String> opOfScope = new HashMap<>();
        for (Node n : model.graph().nodes()) {
            opOfScope.put(n.name().replace('/', '_'), n.opType());
        }
        List<Layer> layers = new ArrayList<>();
        Map<String, long[]> byOp = new LinkedHashMap<>();
        long outside = 0;
        for (ScopeStatistics s : circuit.statistics()) {
            if (s.depth() == 0) {
                outside = s.ownConstraints();
            } else if (s.depth() == 1) {
                String op = opOfScope.getOrDefault(s.path(), NOT_A_NODE);
                layers.add(new Layer(s.path(), op, s.totalConstraints(), s.totalWires()));
                long[] acc = byOp.computeIfAbsent(op, k -> new long[2]);
                acc[0]++;
                acc[1] += s.totalConstraints();
            }
        }
        if (outside > 0) {
            layers.add(new Layer("(outside every scope)", NOT_A_NODE, outside, 0));
        }
        List<Operator> ops = new ArrayList<>();
        byOp.forEach((op, acc) -> ops.add(new Operator(op, (int) acc[0], acc[1])));
        return new LayerCosts(layers, ops, circuit.numConstraints());
    }
}
