package io.zkinfer.prover.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What every versioned JSON file of a model directory shares: indented output, and on reading the
 * {@code "format"} and {@code "version"} header check before the record is bound, each failure naming the file.
 */
final class Versioned {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Versioned() {
    }

    /**
     * Requires {@code root.format == format} and {@code 1 <= root.version <= version}.
     *
     * @throws IllegalArgumentException naming {@code source}, what was found and {@code remedy}
     */
    static void require(JsonNode root, String format, int version, String source, String what, String remedy) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + " is not " + what + ": expected a JSON object");
        }
        String found = root.path("format").asText(null);
        if (!format.equals(found)) {
            throw new IllegalArgumentException(source + " is not " + what + ": \"format\" is "
                    + (found == null ? "missing" : "\"" + found + "\"") + ", expected \"" + format + "\"");
        }
        JsonNode v = root.path("version");
        if (!v.canConvertToExactIntegral() || v.asInt() < 1 || v.asInt() > version) {
            throw new IllegalArgumentException(source + ": " + format + " version "
                    + (v.isMissingNode() ? "(missing)" : v.toString()) + " is not supported: this"
                    + " zkinfer reads version" + (version == 1 ? " 1" : "s 1 to " + version) + "; " + remedy);
        }
    }

    /** {@code value} as indented JSON with a final newline. */
    static String toJson(Object value, String what) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + what, e);
        }
    }

    /**
     * Parses {@code json}, checks its header ({@link #require}) and binds it to {@code type}.
     *
     * @throws IllegalArgumentException naming {@code source}: not JSON, a wrong header, or fields that do not bind
     */
    static <T> T fromJson(String json, Class<T> type, String format, int version, String source, String what,
                          String remedy) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        require(root, format, version, source, what, remedy);
        try {
            return JSON.treeToValue(root, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not " + what + ": " + e.getOriginalMessage(), e);
        }
    }
}
