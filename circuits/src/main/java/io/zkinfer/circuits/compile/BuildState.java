package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.inference.exec.Nd;
import io.zkinfer.inference.ir.Node;

import java.util.HashMap;
import java.util.Map;

/**
 * The values of one build: every graph value is either a {@link SignalTensor} (computed from the inputs, or a
 * weight that is a private input) or a constant known while compiling (initializers, shapes, and what is computed
 * from them alone).
 */
final class BuildState {

    final CircuitBuilder b;
    final ModelPlan plan;
    /** Whether {@link #b} keeps no constraints: only values matter, so accumulators may be computed directly. */
    final boolean witnessOnly;
    private final Map<String, SignalTensor> signals = new HashMap<>();
    private final Map<String, Nd> constants;
    private final Map<String, SignalTensor> constantSignals = new HashMap<>();

    BuildState(CircuitBuilder b, ModelPlan plan) {
        this.b = b;
        this.plan = plan;
        this.witnessOnly = b.isWitnessOnly();
        this.constants = new HashMap<>(plan.initializers);
    }

    /** Whether {@code name} is a constant of the circuit (not computed from any input). */
    boolean isConstant(String name) {
        return !signals.containsKey(name) && constants.containsKey(name);
    }

    /** The constant {@code name}. */
    Nd constant(String name) {
        Nd c = signals.containsKey(name) ? null : constants.get(name);
        if (c == null) {
            throw new IllegalStateException("'" + name + "' is not a constant of the circuit");
        }
        return c;
    }

    /** The value {@code name} as signals (a constant becomes constant signals). */
    SignalTensor signal(String name) {
        SignalTensor s = signals.get(name);
        if (s != null) {
            return s;
        }
        Nd c = constants.get(name);
        if (c == null) {
            throw new IllegalStateException("value '" + name + "' is not defined before its use");
        }
        return constantSignals.computeIfAbsent(name, k -> SignalTensor.constant(b, c.shape(), c.longs(k)));
    }

    /** The shape of value {@code name}. */
    long[] shape(String name) {
        return isConstant(name) ? constant(name).shape() : signal(name).shape();
    }

    /** Defines {@code name} as signals (also over an initializer: a hashed weight). */
    void define(String name, SignalTensor value) {
        signals.put(name, value);
    }

    /** Defines {@code name} as a constant. */
    void defineConstant(String name, Nd value) {
        constants.put(name, value);
    }

    /** The values of {@code t} as an INT64 tensor. */
    static Nd values(SignalTensor t) {
        long[] v = new long[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.get(i).longValue();
        }
        return Nd.ofLongs(io.zkinfer.inference.ir.DataType.INT64, t.shape(), v);
    }

    /** Input {@code i} of {@code n} as signals. */
    SignalTensor input(Node n, int i) {
        return signal(n.inputs().get(i));
    }

    /** Defines the (first) output of {@code n}. */
    void output(Node n, SignalTensor value) {
        define(n.outputs().get(0), value);
    }
}
