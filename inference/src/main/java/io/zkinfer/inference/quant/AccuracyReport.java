package io.zkinfer.inference.quant;

import io.zkinfer.inference.exec.FloatExecutor;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ort.OnnxRuntimeRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * How much a quantized model's outputs, dequantized, differ from a float reference over a test set: per output
 * the largest and the mean absolute error; for classifier outputs (last axis of size >= 2) the fraction of rows
 * whose arg-max (top-1 class) agrees; with labels, the top-1 accuracy of the float and of the integer model on
 * the first classifier output. The reference is ONNX Runtime for a model file or {@link FloatExecutor} for a
 * graph. Serialisable with Jackson.
 */
public record AccuracyReport(String reference, int samples, List<OutputError> outputs, Double floatTop1Accuracy,
                             Double integerTop1Accuracy) {

    /** Errors of one output; {@code top1Agreement} is null unless it is a classifier output. */
    public record OutputError(String name, double maxAbsError, double meanAbsError, Double top1Agreement,
                              long elements) {
    }

    public AccuracyReport {
        outputs = List.copyOf(outputs);
    }

    /** Against ONNX Runtime running {@code onnxModel}. */
    public static AccuracyReport measure(Path onnxModel, QuantizedModel q, List<Map<String, Tensor>> testSet)
            throws IOException {
        return measure(onnxModel, q, testSet, null);
    }

    /** Against ONNX Runtime running {@code onnxModel}; {@code labels} one per row of the first classifier output. */
    public static AccuracyReport measure(Path onnxModel, QuantizedModel q, List<Map<String, Tensor>> testSet,
                                         int[] labels) throws IOException {
        try (OnnxRuntimeRunner ort = new OnnxRuntimeRunner(Files.readAllBytes(onnxModel))) {
            return measure("ONNX Runtime (" + onnxModel.getFileName() + ")", ort::run, q, testSet, labels);
        }
    }

    /** Against {@link FloatExecutor} running {@code reference}. */
    public static AccuracyReport measure(Graph reference, QuantizedModel q, List<Map<String, Tensor>> testSet) {
        return measure(reference, q, testSet, null);
    }

    /** Against {@link FloatExecutor} running {@code reference}, with labels as above. */
    public static AccuracyReport measure(Graph reference, QuantizedModel q, List<Map<String, Tensor>> testSet,
                                         int[] labels) {
        return measure("float executor", new FloatExecutor(reference)::run, q, testSet, labels);
    }

    private static AccuracyReport measure(String name, Function<Map<String, Tensor>, Map<String, Tensor>> reference,
                                          QuantizedModel q, List<Map<String, Tensor>> testSet, int[] labels) {
        IntegerExecutor integer = new IntegerExecutor(q);
        Map<String, double[]> acc = new LinkedHashMap<>(); // max, sum, count, agree, rows
        String classifier = null;
        int row = 0;
        int floatRight = 0;
        int intRight = 0;
        for (Map<String, Tensor> sample : testSet) {
            Map<String, Tensor> want = reference.apply(sample);
            Map<String, Tensor> got = integer.run(sample);
            for (var e : got.entrySet()) {
                Tensor ref = want.get(e.getKey());
                if (ref == null) {
                    throw new IllegalArgumentException("the reference has no output '" + e.getKey() + "'");
                }
                if (!Arrays.equals(ref.shape(), e.getValue().shape())) {
                    throw new IllegalArgumentException("output '" + e.getKey() + "' has shape "
                            + Arrays.toString(ref.shape()) + " in the reference (" + name + ") but "
                            + Arrays.toString(e.getValue().shape()) + " in the integer model; measure the "
                            + "quantized model against the model it was quantized from");
                }
                float[] w = ref.floats();
                float[] g = e.getValue().floats();
                double[] a = acc.computeIfAbsent(e.getKey(), k -> new double[5]);
                for (int i = 0; i < w.length; i++) {
                    double d = Math.abs((double) w[i] - g[i]);
                    a[0] = Math.max(a[0], d);
                    a[1] += d;
                }
                a[2] += w.length;
                long[] shape = ref.shape();
                int classes = shape.length == 0 ? 1 : (int) shape[shape.length - 1];
                if (classes >= 2) {
                    if (classifier == null) {
                        classifier = e.getKey();
                    }
                    for (int r = 0; r < w.length / classes; r++) {
                        int fw = argMax(w, r * classes, classes);
                        int fg = argMax(g, r * classes, classes);
                        a[3] += fw == fg ? 1 : 0;
                        a[4]++;
                        if (labels != null && e.getKey().equals(classifier)) {
                            if (row >= labels.length) {
                                throw new IllegalArgumentException("only " + labels.length + " labels for more rows"
                                        + " of output '" + classifier + "'");
                            }
                            floatRight += fw == labels[row] ? 1 : 0;
                            intRight += fg == labels[row] ? 1 : 0;
                            row++;
                        }
                    }
                }
            }
        }
        List<OutputError> outputs = new ArrayList<>();
        acc.forEach((k, a) -> outputs.add(new OutputError(k, a[0], a[2] == 0 ? 0 : a[1] / a[2],
                a[4] == 0 ? null : a[3] / a[4], (long) a[2])));
        return new AccuracyReport(name, testSet.size(), outputs, labels == null || row == 0 ? null
                : (double) floatRight / row, labels == null || row == 0 ? null : (double) intRight / row);
    }

    private static int argMax(float[] v, int from, int len) {
        int best = 0;
        for (int i = 1; i < len; i++) {
            if (v[from + i] > v[from + best]) {
                best = i;
            }
        }
        return best;
    }

    /** A short human-readable table. */
    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "accuracy of the integer model vs %s over %d samples%n", reference,
                samples));
        for (OutputError o : outputs) {
            s.append(String.format(Locale.ROOT, "  output %-16s max |error| %.6g  mean |error| %.6g", o.name(),
                    o.maxAbsError(), o.meanAbsError()));
            if (o.top1Agreement() != null) {
                s.append(String.format(Locale.ROOT, "  top-1 agreement %.2f%%", 100 * o.top1Agreement()));
            }
            s.append(System.lineSeparator());
        }
        if (floatTop1Accuracy != null) {
            s.append(String.format(Locale.ROOT, "  top-1 accuracy: float %.2f%%, integer %.2f%% (%+.2f points)%n",
                    100 * floatTop1Accuracy, 100 * integerTop1Accuracy,
                    100 * (integerTop1Accuracy - floatTop1Accuracy)));
        }
        return s.toString();
    }
}
