package io.zkinfer.verifier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkinfer.algebra.codec.SnarkjsJson;
import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq12;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads typed values out of a parsed snarkjs JSON document, turning every problem into an
 * {@link InvalidArtifactException} that names the document ({@code source}) and the field. Curve points
 * and GT elements are decoded (and validated: canonical coordinates, on the curve, G2 subgroup) by the
 * algebra module's {@link SnarkjsJson} codec.
 */
final class SnarkjsJsonReader {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String source;

    SnarkjsJsonReader(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    JsonNode parse(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new InvalidArtifactException(source, null, "is empty; expected a JSON document");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidArtifactException(source, null, "is not valid JSON" + where(e) + ": " + brief(e), e);
        }
    }

    JsonNode requireObject(JsonNode root) {
        if (!root.isObject()) {
            throw new InvalidArtifactException(source, null, "expected a JSON object, found " + describe(root));
        }
        return root;
    }

    JsonNode field(JsonNode object, String name) {
        JsonNode v = object.get(name);
        if (v == null || v.isNull()) {
            throw new InvalidArtifactException(source, name, "missing field");
        }
        return v;
    }

    /** A string field that must equal {@code expected} (protocol, curve). */
    void requireConstant(JsonNode object, String name, String expected, String what) {
        JsonNode v = field(object, name);
        if (!v.isTextual() || !v.textValue().equals(expected)) {
            throw new InvalidArtifactException(source, name, "is " + v + "; only \"" + expected + "\" ("
                    + what + ") is supported");
        }
    }

    int nonNegativeInt(JsonNode object, String name) {
        JsonNode v = field(object, name);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw new InvalidArtifactException(source, name, "expected a non-negative integer, found " + describe(v));
        }
        return v.intValue();
    }

    List<String> strings(JsonNode node, String element, int size) {
        if (!node.isArray() || node.size() != size) {
            throw new InvalidArtifactException(source, element, "expected an array of " + size
                    + " decimal strings, found " + describe(node));
        }
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            JsonNode v = node.get(i);
            if (!v.isTextual()) {
                throw new InvalidArtifactException(source, element + "[" + i + "]",
                        "expected a decimal string, found " + describe(v));
            }
            out.add(v.textValue());
        }
        return out;
    }

    List<List<String>> stringPairs(JsonNode node, String element, int size) {
        if (!node.isArray() || node.size() != size) {
            throw new InvalidArtifactException(source, element, "expected an array of " + size
                    + " pairs of decimal strings, found " + describe(node));
        }
        List<List<String>> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(strings(node.get(i), element + "[" + i + "]", 2));
        }
        return out;
    }

    G1Affine g1(JsonNode node, String element) {
        List<String> coords = strings(node, element, 3);
        try {
            return SnarkjsJson.g1FromJson(coords);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidArtifactException(source, element, e.getMessage(), e);
        }
    }

    G2Affine g2(JsonNode node, String element) {
        List<List<String>> coords = stringPairs(node, element, 3);
        try {
            return SnarkjsJson.g2FromJson(coords);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidArtifactException(source, element, e.getMessage(), e);
        }
    }

    Fq12 fq12(JsonNode node, String element) {
        if (!node.isArray() || node.size() != 2) {
            throw new InvalidArtifactException(source, element, "expected an array of 2 Fq6 elements, found "
                    + describe(node));
        }
        List<List<List<String>>> coeffs = List.of(
                stringPairs(node.get(0), element + "[0]", 3),
                stringPairs(node.get(1), element + "[1]", 3));
        try {
            return SnarkjsJson.fq12FromJson(coeffs);
        } catch (IllegalArgumentException e) {
            throw new InvalidArtifactException(source, element, e.getMessage(), e);
        }
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** Jackson's message without its source-location suffix (which {@link #where} states plainly). */
    private static String brief(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        int cut = m.indexOf(" (start marker at");
        if (cut < 0) {
            cut = m.indexOf("\n at [Source");
        }
        return cut < 0 ? m : m.substring(0, cut);
    }

    static String describe(JsonNode v) {
        if (v.isArray()) {
            return "an array of " + v.size();
        }
        String s = v.toString();
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " "
                + (s.length() <= 80 ? s : s.substring(0, 80) + "…");
    }
}
