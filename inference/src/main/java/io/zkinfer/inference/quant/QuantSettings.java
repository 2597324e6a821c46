package io.zkinfer.inference.quant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The versioned settings file written next to every quantized model ({@code settings.json}): the options, a
 * calibration summary, the source model's SHA-256 (when known), the scale, width and static bound of every value
 * of the integer graph, and for every integer node the float node it came from. {@code format} is always
 * {@value #FORMAT}; a reader refuses a {@code version} newer than {@value #VERSION}.
 */
public record QuantSettings(String format, int version, QuantOptions options, CalibrationSummary calibration,
                            String sourceSha256, List<TensorScale> tensors, List<NodeProvenance> nodes) {

    public static final String FORMAT = "zkinfer-quant-settings";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public QuantSettings {
        tensors = List.copyOf(tensors);
        nodes = List.copyOf(nodes);
    }

    /**
     * A value of the integer graph: {@code q} stands for {@code q * 2^-scaleBits} (null for an index value such as
     * shapes, and for a float parameter such as Resize's scales); a per-channel value (weights and accumulators
     * with {@code perChannel}) instead lists {@code channelScaleBits}, one per index of dimension {@code axis}.
     * {@code bits} is its nominal signed width and {@code bound} the static bound {@code |q| <= bound}.
     */
    public record TensorScale(String name, Integer scaleBits, List<Integer> channelScaleBits, Integer axis, int bits,
                              long bound) {
        public TensorScale(String name, Integer scaleBits, int bits, long bound) {
            this(name, scaleBits, null, null, bits, bound);
        }
    }

    /** Integer node {@code node} ({@code opType}) implements (part of) float node {@code from}. */
    public record NodeProvenance(String node, String opType, String from) {
    }

    /** Where calibration data came from and how many samples it had. */
    public record CalibrationSummary(String source, int samples) {
    }

    /** The entry for value {@code name}, if the integer graph has one. */
    public Optional<TensorScale> tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise quantization settings", e);
        }
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson());
    }

    /** Parses settings JSON; refuses another format or a newer version, naming what was found. */
    public static QuantSettings fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("quantization settings are not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText(null))) {
            throw new IllegalArgumentException("not a quantization settings file: \"format\" must be \"" + FORMAT
                    + "\"");
        }
        int version = root.path("version").asInt(-1);
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException("quantization settings version " + root.path("version")
                    + " is not supported: this zkinfer reads version " + VERSION
                    + "; use the zkinfer that wrote it or quantize the model again");
        }
        try {
            return JSON.treeToValue(root, QuantSettings.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed quantization settings: " + e.getMessage(), e);
        }
    }

    public static QuantSettings read(Path file) throws IOException {
        return fromJson(Files.readString(file));
    }
}
