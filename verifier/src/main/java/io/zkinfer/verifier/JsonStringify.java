package io.zkinfer.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Serialises a Jackson tree exactly as JavaScript's {@code JSON.stringify(value, null, 1)} does — the
 * call snarkjs makes (through bfj with {@code space: 1}) when it writes {@code verification_key.json},
 * {@code proof.json} and {@code public.json}: one space of indentation per level, {@code ": "} between
 * key and value, {@code "[]"}/{@code "{}"} for empty containers, and no trailing newline.
 */
final class JsonStringify {

    private JsonStringify() {
    }

    static String stringify(JsonNode node) {
        StringBuilder sb = new StringBuilder(4096);
        write(node, 0, sb);
        return sb.toString();
    }

    private static void write(JsonNode node, int depth, StringBuilder sb) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                indent(depth + 1, sb);
                quote(e.getKey(), sb);
                sb.append(": ");
                write(e.getValue(), depth + 1, sb);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
            indent(depth, sb);
            sb.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                indent(depth + 1, sb);
                write(node.get(i), depth + 1, sb);
                sb.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            indent(depth, sb);
            sb.append(']');
        } else if (node.isTextual()) {
            quote(node.textValue(), sb);
        } else if (node.isIntegralNumber() || node.isBoolean() || node.isNull()) {
            sb.append(node.asText());
        } else {
            throw new IllegalArgumentException("cannot stringify JSON node of type " + node.getNodeType());
        }
    }

    private static void indent(int depth, StringBuilder sb) {
        sb.append(" ".repeat(depth));
    }

    /** The escaping of ECMAScript's QuoteJSONString (lower-case hex, lone surrogates escaped). */
    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isHighSurrogate(ch)
                            ? !(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                            : Character.isLowSurrogate(ch)
                                    && !(i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
                    if (ch < 0x20 || loneSurrogate) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }
}
