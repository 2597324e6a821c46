package io.zkinfer.inference.quant;

import io.zkinfer.inference.io.TensorSamples;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

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
     * Reads samples from {@code file} in the {@link TensorSamples} format: one object keyed by input name whose
     * values are nested arrays (one sample), or {@code {"samples": [ {...}, {...} ]}} (labels, if any, are
     * ignored). Each array's nesting must match the input's declared shape; errors name the file, the key and the
     * mismatch ({@link io.zkinfer.inference.io.TensorJsonException}).
     */
    public static Calibration fromJson(Path file, Graph g) {
        TensorSamples s = TensorSamples.read(file, g.inputs());
        return new Calibration(s.samples(), file.getFileName() + " (" + s.samples().size() + " samples)");
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
}
