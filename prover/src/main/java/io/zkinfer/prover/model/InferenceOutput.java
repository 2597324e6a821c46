package io.zkinfer.prover.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkinfer.inference.io.TensorJson;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A proven inference's result ({@code output.json}, format {@value #FORMAT}, version {@value #VERSION}): the model
 * id it was proven for, every graph output dequantized to float ({@code outputs}, the format {@code zkinfer run}
 * prints) and as the integers the circuit computed ({@code integerOutputs}, with their {@code scaleBits}: an integer
 * {@code q} stands for {@code q · 2^-scaleBits}), and the commitments among the public signals, in decimal
 * ({@code commitments}: {@code outputs}, {@code inputs}, {@code weights}, those the visibility makes public).
 * {@code zkinfer verify} checks every one of these against {@code public.json} and the model directory.
 */
public record InferenceOutput(String modelId, Map<String, Tensor> outputs, Map<String, Tensor> integerOutputs,
                              Map<String, Integer> scaleBits, Map<String, String> commitments) {

    public static final String FORMAT = "zkinfer-output";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    public InferenceOutput {
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        integerOutputs = Collections.unmodifiableMap(new LinkedHashMap<>(integerOutputs));
        scaleBits = Collections.unmodifiableMap(new LinkedHashMap<>(scaleBits));
        commitments = Collections.unmodifiableMap(new LinkedHashMap<>(commitments));
    }

    public String toJson() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"format\": \"").append(FORMAT).append("\",\n");
        sb.append("  \"version\": ").append(VERSION).append(",\n");
        sb.append("  \"modelId\": ").append(quote(modelId)).append(",\n");
        sb.append("  \"outputs\": ").append(indent(TensorJson.toJson(outputs))).append(",\n");
        sb.append("  \"integerOutputs\": ").append(indent(TensorJson.toJson(integerOutputs))).append(",\n");
        sb.append("  \"scaleBits\": ").append(object(scaleBits, false)).append(",\n");
        sb.append("  \"commitments\": ").append(object(commitments, true)).append("\n}\n");
        return sb.toString();
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson());
    }

    /**
     * Parses {@code output.json} against the outputs {@code settings} declares; refuses another format, a newer
     * version, and tensors of other names or shapes, naming {@code source}.
     */
    public static InferenceOutput fromJson(String json, CircuitSettings settings, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getMessage(), e);
        }
        Versioned.require(root, FORMAT, VERSION, source, "an inference output", "prove again with this zkinfer");
        List<TensorInfo> floats = settings.outputs().stream()
                .map(o -> new TensorInfo(o.name(), DataType.FLOAT, Shape.of(o.shape()))).toList();
        List<TensorInfo> ints = settings.outputs().stream()
                .map(o -> new TensorInfo(o.name(), DataType.INT64, Shape.of(o.shape()))).toList();
        Map<String, Tensor> outputs = TensorJson.parse(field(root, "outputs", source).toString(), floats,
                source + ": \"outputs\"");
        Map<String, Tensor> integers = TensorJson.parse(field(root, "integerOutputs", source).toString(), ints,
                source + ": \"integerOutputs\"");
        Map<String, Integer> scales = new LinkedHashMap<>();
        field(root, "scaleBits", source).fields().forEachRemaining(e -> {
            if (!e.getValue().canConvertToExactIntegral()) {
                throw new IllegalArgumentException(source + ": \"scaleBits\": '" + e.getKey() + "' is not an integer");
            }
            scales.put(e.getKey(), e.getValue().asInt());
        });
        Map<String, String> commitments = new LinkedHashMap<>();
        field(root, "commitments", source).fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual() || !e.getValue().asText().matches("[0-9]{1,80}")) {
                throw new IllegalArgumentException(source + ": \"commitments\": '" + e.getKey()
                        + "' must be a decimal string");
            }
            commitments.put(e.getKey(), e.getValue().asText());
        });
        JsonNode id = root.path("modelId");
        return new InferenceOutput(id.isTextual() ? id.asText() : null, outputs, integers, scales, commitments);
    }

    public static InferenceOutput read(Path file, CircuitSettings settings) throws IOException {
        return fromJson(Files.readString(file), settings, file.toString());
    }

    private static JsonNode field(JsonNode root, String name, String source) {
        JsonNode n = root.get(name);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(source + ": \"" + name + "\" is missing or not an object");
        }
        return n;
    }

    private static String object(Map<String, ?> m, boolean strings) {
        ObjectNode o = JSON.createObjectNode();
        m.forEach((k, v) -> {
            if (strings) {
                o.put(k, (String) v);
            } else {
                o.put(k, (Integer) v);
            }
        });
        return o.toString();
    }

    private static String quote(String s) {
        return s == null ? "null" : JSON.getNodeFactory().textNode(s).toString();
    }

    private static String indent(String json) {
        return json.strip().replace("\n", "\n  ");
    }
}
