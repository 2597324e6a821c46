package io.zkinfer.prover.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.zkinfer.circuits.compile.PublicLayout;
import io.zkinfer.circuits.compile.Visibility;
import io.zkinfer.circuits.compile.VisibilityOptions;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.quant.QuantSettings;
import io.zkinfer.inference.quant.QuantizedModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The versioned description of a compiled circuit ({@code circuit.json}, format {@value #FORMAT}, version
 * {@value #VERSION}), written next to it by {@code zkinfer compile}: the visibility of input, output and weights, the
 * activation width, the constraint and wire counts, the public-signal layout (snarkjs order: public outputs, then
 * public inputs; see {@link PublicLayout}), and the graph's inputs and outputs with their shapes and scales (an
 * integer {@code q} stands for {@code q · 2^-scaleBits}). A verifier needs only this file, the verifying key and
 * the manifest to check a proof's files against each other.
 */
@JsonPropertyOrder({"format", "version", "visibility", "activationBits", "counts", "publicLayout", "inputs",
        "outputs"})
public record CircuitSettings(String format, int version, Visibilities visibility, int activationBits, Counts counts,
                              List<LayoutEntry> publicLayout, List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public static final String FORMAT = "zkinfer-circuit-settings";
    public static final int VERSION = 1;


    /** Visibility labels ({@link Visibility#label()}) of the three roles. */
    public record Visibilities(String input, String output, String weights) {
    }

    /** Sizes of the constraint system; {@code wires} counts wire 0. */
    public record Counts(long constraints, long wires, int publicOutputs, int publicInputs, int privateInputs) {
    }

    /** One entry of the public-signal layout: {@code count} signals of {@code kind} for {@code name}. */
    public record LayoutEntry(String name, PublicLayout.Kind kind, int count) {
    }

    /** A graph input or output: its name, static shape and scale. */
    public record TensorSpec(String name, long[] shape, int scaleBits) {
        /** Number of elements. */
        public int size() {
            return (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TensorSpec t && name.equals(t.name) && Arrays.equals(shape, t.shape)
                    && scaleBits == t.scaleBits;
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(shape) + scaleBits;
        }

        @Override
        public String toString() {
            return name + " " + Arrays.toString(shape) + " scale 2^-" + scaleBits;
        }
    }

    public CircuitSettings {
        publicLayout = List.copyOf(publicLayout);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The settings of {@code model} compiled with {@code visibility} into {@code r1cs} with {@code layout}. */
    public static CircuitSettings of(QuantizedModel model, VisibilityOptions visibility, R1cs r1cs,
                                     PublicLayout layout) {
        Counts counts = new Counts(r1cs.numConstraints(), r1cs.numWires(), r1cs.numPublicOutputs(),
                r1cs.numPublicInputs(), r1cs.numPrivateInputs());
        List<LayoutEntry> entries = layout.entries().stream()
                .map(e -> new LayoutEntry(e.name(), e.kind(), e.count())).toList();
        return new CircuitSettings(FORMAT, VERSION, new Visibilities(visibility.input().label(),
                visibility.output().label(), visibility.weights().label()),
                model.settings().options().activationBits(), counts, entries, specs(model, model.graph().inputs()),
                specs(model, model.graph().outputs()));
    }

    private static List<TensorSpec> specs(QuantizedModel model, List<TensorInfo> values) {
        return values.stream().map(v -> new TensorSpec(v.name(), v.shape().sizes(), model.settings().tensor(v.name())
                .map(QuantSettings.TensorScale::scaleBits).orElseThrow(() -> new IllegalArgumentException(
                        "the quantization settings give no scale for '" + v.name() + "'")))).toList();
    }

    /** The visibility options these settings record. */
    public VisibilityOptions visibilityOptions() {
        return new VisibilityOptions(Visibility.parse(visibility.input()), Visibility.parse(visibility.output()),
                Visibility.parse(visibility.weights()));
    }

    /** The public-signal layout these settings record. */
    public PublicLayout layout() {
        return new PublicLayout(publicLayout.stream()
                .map(e -> new PublicLayout.Entry(e.name(), e.kind(), e.count())).toList());
    }

    /** The public signals in words, e.g. {@code 10 output values of 'logits', 784 input values of 'input'}. */
    public String describeLayout() {
        return String.join(", ", publicLayout.stream().map(e -> switch (e.kind()) {
            case OUTPUT_VALUES -> e.count() + " output values of '" + e.name() + "'";
            case INPUT_VALUES -> e.count() + " input values of '" + e.name() + "'";
            case OUTPUT_COMMITMENT -> "the commitment of the outputs";
            case INPUT_COMMITMENT -> "the commitment of the inputs";
            case WEIGHTS_COMMITMENT -> "the commitment of the weights";
        }).toList());
    }

    /** The graph inputs as the FLOAT tensors a user supplies (the format {@code zkinfer run} reads). */
    public List<TensorInfo> floatInputs() {
        return inputs.stream().map(i -> new TensorInfo(i.name(), DataType.FLOAT, Shape.of(i.shape()))).toList();
    }

    /** The graph inputs as INT64 tensors (the quantized values). */
    public List<TensorInfo> integerInputs() {
        return inputs.stream().map(i -> new TensorInfo(i.name(), DataType.INT64, Shape.of(i.shape()))).toList();
    }

    public String toJson() {
        return Versioned.toJson(this, "circuit settings");
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson());
    }

    /**
     * Parses circuit settings; refuses another format, a version this zkinfer does not read, and settings whose
     * layout disagrees with their counts, naming {@code source}.
     */
    public static CircuitSettings fromJson(String json, String source) {
        CircuitSettings s = Versioned.fromJson(json, CircuitSettings.class, FORMAT, VERSION, source,
                "circuit settings", "compile the model again with this zkinfer");
        try {
            s.visibilityOptions();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": \"visibility\": " + e.getMessage(), e);
        }
        int layoutSize = s.layout().size();
        if (s.counts == null || layoutSize != s.counts.publicOutputs() + s.counts.publicInputs()) {
            throw new IllegalArgumentException(source + ": the public layout lists " + layoutSize + " signals but the"
                    + " counts give " + (s.counts == null ? "none" : s.counts.publicOutputs() + " public outputs + "
                    + s.counts.publicInputs() + " public inputs"));
        }
        return s;
    }

    public static CircuitSettings read(Path file) throws IOException {
        return fromJson(Files.readString(file), file.toString());
    }
}
