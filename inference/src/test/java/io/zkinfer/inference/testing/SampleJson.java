package io.zkinfer.inference.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkinfer.inference.ir.Tensor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sample inputs as JSON: one object keyed by input name, each value a nested array of numbers matching the shape
 * (the project's tensor JSON format). Floats are written with {@link Float#toString} so they read back exactly.
 */
final class SampleJson {

    private SampleJson() {
    }

    static String write(Map<String, Tensor> tensors) {
        StringBuilder b = new StringBuilder("{\n");
        Iterator<Map.Entry<String, Tensor>> it = tensors.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            b.append("  \"").append(e.getKey()).append("\": ");
            nested(b, e.getValue().shape(), e.getValue().floats(), 0, 0);
            b.append(it.hasNext() ? ",\n" : "\n");
        }
        return b.append("}\n").toString();
    }

    private static int nested(StringBuilder b, long[] shape, float[] v, int axis, int offset) {
        if (axis == shape.length) {
            b.append(Float.toString(v[offset]));
            return offset + 1;
        }
        b.append('[');
        for (long i = 0; i < shape[axis]; i++) {
            if (i > 0) {
                b.append(", ");
            }
            offset = nested(b, shape, v, axis + 1, offset);
        }
        b.append(']');
        return offset;
    }

    static Map<String, Tensor> read(String json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                var e = it.next();
                List<Long> shape = new ArrayList<>();
                for (JsonNode n = e.getValue(); n.isArray(); n = n.get(0)) {
                    shape.add((long) n.size());
                }
                List<Float> values = new ArrayList<>();
                flatten(e.getValue(), values);
                float[] v = new float[values.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = values.get(i);
                }
                out.put(e.getKey(), Tensor.ofFloats(shape.stream().mapToLong(Long::longValue).toArray(), v));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("invalid sample input JSON: " + e.getMessage(), e);
        }
    }

    private static void flatten(JsonNode n, List<Float> out) {
        if (n.isArray()) {
            n.forEach(c -> flatten(c, out));
        } else {
            out.add((float) n.asDouble());
        }
    }
}
