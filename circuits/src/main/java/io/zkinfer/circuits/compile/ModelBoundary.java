package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Scope;
import io.zkinfer.circuits.builder.Signal;
import io.zkinfer.circuits.gadgets.Interval;
import io.zkinfer.circuits.gadgets.PoseidonTreeHash;
import io.zkinfer.circuits.gadgets.Range;
import io.zkinfer.inference.exec.Nd;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The edges of a compiled model, laid out as {@link PublicLayout} says: the inputs (public or private input wires,
 * each range-checked to the activation width, in scope {@code input}), the weights when they are hashed (private
 * input wires), the outputs (public output wires, scope {@code output}) and the Poseidon tree commitments of hashed
 * tensors (scope {@code commit}).
 */
final class ModelBoundary {

    private ModelBoundary() {
    }

    /** Allocates and range-checks the inputs; defines them in {@code s}. */
    static List<SignalTensor> inputs(BuildState s, Map<String, Tensor> given) {
        CircuitBuilder b = s.b;
        int bits = s.plan.activationBits;
        long lo = -(1L << (bits - 1));
        long hi = (1L << (bits - 1)) - 1;
        boolean isPublic = s.plan.visibility.input() == Visibility.PUBLIC;
        List<SignalTensor> out = new ArrayList<>();
        try (Scope scope = b.scope("input")) {
            for (Map.Entry<String, long[]> e : s.plan.inputShapes.entrySet()) {
                String name = e.getKey();
                Tensor t = given.get(name);
                if (t == null) {
                    throw new IllegalArgumentException("missing input '" + name + "'; the model takes "
                            + s.plan.graph.inputs().stream().map(TensorInfo::name).toList());
                }
                if (t.type().isFloating()) {
                    throw new IllegalArgumentException("input '" + name + "' is " + t.type() + "; the compiler takes"
                            + " the INT64 values IntegerExecutor.quantize gives");
                }
                if (!Arrays.equals(t.shape(), e.getValue())) {
                    throw new IllegalArgumentException("input '" + name + "' has shape " + Arrays.toString(t.shape())
                            + "; the circuit is compiled for " + Arrays.toString(e.getValue()) + " (the declared shape,"
                            + " dynamic dimensions 1)");
                }
                long[] v = t.longs();
                Signal[] signals = new Signal[v.length];
                for (int i = 0; i < v.length; i++) {
                    if (v[i] < lo || v[i] > hi) {
                        throw new IllegalArgumentException("input '" + name + "' element " + i + " is " + v[i]
                                + ", outside the " + bits + "-bit activation range [" + lo + ", " + hi + "] that the"
                                + " circuit checks; quantize inputs with IntegerExecutor.quantize");
                    }
                    String wire = name + "[" + i + "]";
                    signals[i] = isPublic ? b.publicInput(wire, v[i]) : b.privateInput(wire, v[i]);
                    Range.signed(b, signals[i], bits);
                }
                SignalTensor st = new SignalTensor(e.getValue(), signals, Interval.signedBits(bits));
                s.define(name, st);
                out.add(st);
            }
        }
        return out;
    }

    /** With hashed weights: the weights as private input wires (defined in {@code s}); else none. */
    static List<SignalTensor> weights(BuildState s) {
        List<SignalTensor> out = new ArrayList<>();
        if (s.plan.visibility.weights() != Visibility.HASHED) {
            return out;
        }
        try (Scope scope = s.b.scope("input")) {
            for (String name : s.plan.weights) {
                Nd w = s.plan.initializers.get(name);
                long[] v = w.longs("weight " + name);
                Signal[] signals = new Signal[v.length];
                for (int i = 0; i < v.length; i++) {
                    signals[i] = s.b.privateInput(name + "[" + i + "]", v[i]);
                }
                SignalTensor st = new SignalTensor(w.shape(), signals, s.plan.weightRange(name));
                s.define(name, st);
                out.add(st);
            }
        }
        return out;
    }

    /** Declares the public outputs in layout order: output values or commitment, input and weights commitments. */
    static void publish(BuildState s, List<SignalTensor> inputs, List<SignalTensor> weights,
                        List<SignalTensor> outputs) {
        CircuitBuilder b = s.b;
        VisibilityOptions v = s.plan.visibility;
        List<TensorInfo> names = s.plan.graph.outputs();
        if (v.output() == Visibility.PUBLIC) {
            try (Scope scope = b.scope("output")) {
                for (int k = 0; k < outputs.size(); k++) {
                    SignalTensor t = outputs.get(k);
                    for (int i = 0; i < t.size(); i++) {
                        b.publicOutput(names.get(k).name() + "[" + i + "]", t.get(i));
                    }
                }
            }
        }
        if (v.output() != Visibility.HASHED && v.input() != Visibility.HASHED && v.weights() != Visibility.HASHED) {
            return;
        }
        try (Scope scope = b.scope("commit")) {
            if (v.output() == Visibility.HASHED) {
                b.publicOutput("outputs", PoseidonTreeHash.commit(b, leaves(outputs)));
            }
            if (v.input() == Visibility.HASHED) {
                b.publicOutput("inputs", PoseidonTreeHash.commit(b, leaves(inputs)));
            }
            if (v.weights() == Visibility.HASHED) {
                b.publicOutput("weights", PoseidonTreeHash.commit(b, leaves(weights)));
            }
        }
    }

    /** The public signals of a model whose graph outputs have {@code outputShapes}. */
    static PublicLayout layout(ModelPlan plan, List<long[]> outputShapes) {
        List<PublicLayout.Entry> entries = new ArrayList<>();
        VisibilityOptions v = plan.visibility;
        List<TensorInfo> outputs = plan.graph.outputs();
        if (v.output() == Visibility.PUBLIC) {
            for (int k = 0; k < outputs.size(); k++) {
                entries.add(new PublicLayout.Entry(outputs.get(k).name(), PublicLayout.Kind.OUTPUT_VALUES,
                        (int) Tensor.elementCount(outputShapes.get(k))));
            }
        } else {
            entries.add(new PublicLayout.Entry("outputs", PublicLayout.Kind.OUTPUT_COMMITMENT, 1));
        }
        if (v.input() == Visibility.HASHED) {
            entries.add(new PublicLayout.Entry("inputs", PublicLayout.Kind.INPUT_COMMITMENT, 1));
        }
        if (v.weights() == Visibility.HASHED) {
            entries.add(new PublicLayout.Entry("weights", PublicLayout.Kind.WEIGHTS_COMMITMENT, 1));
        }
        if (v.input() == Visibility.PUBLIC) {
            plan.inputShapes.forEach((name, shape) -> entries.add(new PublicLayout.Entry(name,
                    PublicLayout.Kind.INPUT_VALUES, (int) Tensor.elementCount(shape))));
        }
        return new PublicLayout(entries);
    }

    private static List<Signal> leaves(List<SignalTensor> tensors) {
        List<Signal> all = new ArrayList<>();
        for (SignalTensor t : tensors) {
            all.addAll(Arrays.asList(t.values()));
        }
        return all;
    }
}
