package io.zkinfer.inference.quant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkinfer.inference.ir.Dim;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sample inputs from which activation ranges are measured: read from JSON, or a deterministic Halton grid over
 * declared per-input ranges. Each sample maps every graph input name to a FLOAT tensor of the input's shape
 * (dynamic dimensions of a generated sample are 1).
 */
public record Calibration(List<Map<String, Tensor>> samples, String source) {

    /** Inputs with no declared range are drawn from {@code [-1, 1]}. */
    public static final float[] DEFAULT_RANGE = {-1f, 1f};

    private static final int[] PRIMES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71,
        73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131};

    public Calibration {
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("calibration needs at least one sample");
        }
    }

    /**
     * Reads samples from {@code file}: one object keyed by input name whose values are nested arrays (one sample),
     * or {@code {"samples": [ {...}, {...} ]}}. Each array's nesting must match the input's declared shape.
     */
    public static Calibration fromJson(Path file, Graph g) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<JsonNode> objects = new ArrayList<>();
        if (root != null && root.isObject() && root.has("samples") && root.get("samples").isArray()) {
            root.get("samples").forEach(objects::add);
        } else if (root != null && root.isObject()) {
            objects.add(root);
        } else {
            throw new IllegalArgumentException(file.getFileName() + ": calibration data must be a JSON object keyed by"
                    + " input name, or {\"samples\": [...]}");
        }
        List<Map<String, Tensor>> samples = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            Map<String, Tensor> sample = new LinkedHashMap<>();
            for (TensorInfo in : g.inputs()) {
                JsonNode v = objects.get(i).get(in.name());
                String where = file.getFileName() + " sample " + i + " input '" + in.name() + "'";
                if (v == null) {
                    throw new IllegalArgumentException(where + " is missing; the model takes "
                            + g.inputs().stream().map(TensorInfo::name).toList());
                }
                sample.put(in.name(), tensor(v, in, where));
            }
            samples.add(sample);
        }
        return new Calibration(samples, file.getFileName() + " (" + samples.size() + " samples)");
    }

    /**
     * {@code count} samples on a Halton grid: element {@code j} of sample {@code k} of an input with range
     * {@code [lo, hi]} is {@code lo + (hi - lo) * h}, {@code h} the radical inverse of {@code k + 1 + 409 (j div 32)}
     * in base {@code prime(j mod 32)}. Inputs absent from {@code ranges} use {@link #DEFAULT_RANGE}.
     */
    public static Calibration fromRanges(Graph g, Map<String, float[]> ranges, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("calibration needs at least one sample, got " + count);
        }
        List<Map<String, Tensor>> samples = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Map<String, Tensor> sample = new LinkedHashMap<>();
            for (TensorInfo in : g.inputs()) {
                float[] r = ranges.getOrDefault(in.name(), DEFAULT_RANGE);
                if (r.length != 2 || !(r[0] <= r[1])) {
                    throw new IllegalArgumentException("range for input '" + in.name() + "' must be {lo, hi} with"
                            + " lo <= hi");
                }
                long[] shape = in.shape().dims().stream().mapToLong(d -> d.isStatic() ? d.value() : 1).toArray();
                float[] v = new float[(int) Tensor.elementCount(shape)];
                for (int j = 0; j < v.length; j++) {
                    double h = radicalInverse(k + 1 + 409L * (j / PRIMES.length), PRIMES[j % PRIMES.length]);
                    v[j] = (float) (r[0] + (r[1] - (double) r[0]) * h);
                }
                sample.put(in.name(), Tensor.ofFloats(shape, v));
            }
            samples.add(sample);
        }
        return new Calibration(samples, "Halton grid over declared ranges (" + count + " samples)");
    }

    static double radicalInverse(long index, int base) {
        double inv = 1.0 / base;
        double f = inv;
        double r = 0;
        for (long i = index; i > 0; i /= base) {
            r += f * (i % base);
            f *= inv;
        }
        return r;
    }

    private static Tensor tensor(JsonNode v, TensorInfo in, String where) {
        List<Long> shape = new ArrayList<>();
        for (JsonNode cur = v; cur.isArray(); cur = cur.size() > 0 ? cur.get(0) : null) {
            shape.add((long) cur.size());
            if (cur.size() == 0) {
                break;
            }
        }
        long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
        List<Dim> declared = in.shape().dims();
        boolean ok = declared.size() == dims.length;
        for (int d = 0; ok && d < dims.length; d++) {
            ok = !declared.get(d).isStatic() || declared.get(d).value() == dims[d];
        }
        if (!ok) {
            throw new IllegalArgumentException(where + " has shape " + shape + "; the model declares "
                    + in.shape());
        }
        float[] out = new float[(int) Tensor.elementCount(dims)];
        int[] pos = {0};
        fill(v, 0, dims, out, pos, where);
        return Tensor.ofFloats(dims, out);
    }

    private static void fill(JsonNode v, int depth, long[] dims, float[] out, int[] pos, String where) {
        if (depth == dims.length) {
            if (!v.isNumber()) {
                throw new IllegalArgumentException(where + ": expected a number, found " + v.getNodeType());
            }
            out[pos[0]++] = (float) v.asDouble();
            return;
        }
        if (!v.isArray() || v.size() != dims[depth]) {
            throw new IllegalArgumentException(where + ": ragged nested arrays at depth " + depth);
        }
        for (JsonNode e : v) {
            fill(e, depth + 1, dims, out, pos, where);
        }
    }
}
