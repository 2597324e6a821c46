package io.zkinfer.inference.mnist;

import io.zkinfer.inference.ir.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test support: the committed MNIST fixtures under the test resources {@code mnist/} — two float models trained
 * by {@link MnistTrainer} and the 1500 held-out digits they were never trained on ({@link MnistDigits} format,
 * 150 per class, classes interleaved 0, 1, ..., 9, 0, 1, ... so that the first 10k digits hold k of each class).
 * Models take input {@code "input"} (intensities {@code byte / 255}) and give
 * {@code "logits"} [1, 10].
 */
public final class MnistFixtures {

    /** A committed model. */
    public enum Model {
        /** 784-128-10 perceptron (Gemm, Relu, Gemm), input [1, 784]. */
        MLP("mlp.onnx", 1, 784),
        /** LeNet-style CNN (Conv, Relu, MaxPool twice, Flatten, Gemm), input [1, 1, 28, 28]. */
        CNN("cnn.onnx", 1, 1, 28, 28);

        private final String file;
        private final long[] inputShape;

        Model(String file, long... inputShape) {
            this.file = file;
            this.inputShape = inputShape;
        }

        /** The model file. */
        public Path path() {
            return resource(file);
        }

        /** The shape of the model's {@code "input"}. */
        public long[] inputShape() {
            return inputShape.clone();
        }

        /** Held-out digit {@code i} as this model's input tensor. */
        public Tensor input(int i) {
            return Tensor.ofFloats(inputShape, digits().intensities(i));
        }

        /** Held-out digit {@code i} as the input map {@code {"input": tensor}}. */
        public Map<String, Tensor> feed(int i) {
            return Map.of(INPUT, input(i));
        }

        /** The first {@code count} held-out digits as input maps (all of them for {@code count >= 1500}). */
        public List<Map<String, Tensor>> feeds(int count) {
            int n = Math.min(count, digits().count());
            List<Map<String, Tensor>> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(feed(i));
            }
            return out;
        }
    }

    /** The models' input name. */
    public static final String INPUT = "input";
    /** The models' output name. */
    public static final String OUTPUT = "logits";

    private static final Map<String, Path> EXTRACTED = new HashMap<>();
    private static volatile MnistDigits digits;

    private MnistFixtures() {
    }

    /** The committed digits file. */
    public static Path digitsFile() {
        return resource("digits-test.bin.gz");
    }

    /** The held-out digits (read once). */
    public static MnistDigits digits() {
        MnistDigits d = digits;
        if (d == null) {
            try {
                d = MnistDigits.read(digitsFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            digits = d;
        }
        return d;
    }

    /** The labels of the first {@code count} held-out digits (all of them for {@code count >= 1500}). */
    public static int[] labels(int count) {
        int[] all = digits().labels();
        return Arrays.copyOf(all, Math.min(count, all.length));
    }

    /**
     * The resource {@code mnist/name} as a file: in place when the test classes are a directory, otherwise (from
     * this module's test-jar) copied once to a temporary file that is deleted when the JVM exits.
     */
    private static synchronized Path resource(String name) {
        URL url = MnistFixtures.class.getResource("/mnist/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource mnist/" + name + " is missing; regenerate the MNIST"
                    + " fixtures with inference/tools/train-mnist.sh");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            Path copy = EXTRACTED.get(name);
            if (copy == null) {
                copy = Files.createTempFile("mnist-", "-" + name);
                copy.toFile().deleteOnExit();
                try (InputStream in = url.openStream()) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                EXTRACTED.put(name, copy);
            }
            return copy;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read test resource mnist/" + name + " (" + url + ")", e);
        }
    }
}
