package io.zkinfer.inference.ir;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One operator application: {@code outputs = opType(inputs; attributes)}. Input and output entries are value
 * names; an empty string marks an omitted optional input or output, as in ONNX. Immutable.
 */
public record Node(String opType, String name, List<String> inputs, List<String> outputs,
                   Map<String, Attribute> attributes) {

    public Node {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** Integer attribute {@code key}, or {@code fallback} when absent. */
    public long intAttr(String key, long fallback) {
        Attribute a = attributes.get(key);
        if (a == null) {
            return fallback;
        }
        if (a instanceof Attribute.Int i) {
            return i.value();
        }
        throw wrongType(key, "an integer", a);
    }

    /** Float attribute {@code key}, or {@code fallback} when absent. */
    public float floatAttr(String key, float fallback) {
        Attribute a = attributes.get(key);
        if (a == null) {
            return fallback;
        }
        if (a instanceof Attribute.Float f) {
            return f.value();
        }
        throw wrongType(key, "a float", a);
    }

    /** String attribute {@code key}, or {@code fallback} when absent. */
    public String stringAttr(String key, String fallback) {
        Attribute a = attributes.get(key);
        if (a == null) {
            return fallback;
        }
        if (a instanceof Attribute.Str s) {
            return s.value();
        }
        throw wrongType(key, "a string", a);
    }

    /** Integer-list attribute {@code key}, or {@code fallback} (may be null) when absent. */
    public long[] intsAttr(String key, long[] fallback) {
        Attribute a = attributes.get(key);
        if (a == null) {
            return fallback;
        }
        if (a instanceof Attribute.Ints i) {
            return i.toArray();
        }
        throw wrongType(key, "a list of integers", a);
    }

    /** Whether input {@code i} is present (exists and is not the empty name). */
    public boolean hasInput(int i) {
        return i < inputs.size() && !inputs.get(i).isEmpty();
    }

    /** "{@code opType} node '{@code name}'", for messages. */
    public String describe() {
        return opType + " node '" + name + "'";
    }

    private IllegalArgumentException wrongType(String key, String expected, Attribute actual) {
        return new IllegalArgumentException("attribute '" + key + "' of " + describe() + " should be " + expected
                + ", found " + actual.getClass().getSimpleName());
    }
}
