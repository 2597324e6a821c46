package io.zkinfer.prover.model;

import com.fasterxml.jackson.databind.JsonNode;

/** The header check every versioned JSON file of a model directory shares: {@code "format"} and {@code "version"}. */
final class Versioned {

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
}
