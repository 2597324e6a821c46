package io.zkinfer.inference.mnist;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * A list of labelled 28x28 grey-scale digits, and its compact file format.
 *
 * <p>File format ({@code .bin.gz}): a gzip stream whose content is the 8-byte header {@code "ZKMNIST1"}, the digit
 * count as a 4-byte big-endian unsigned integer, then per digit one label byte (0..9) followed by 784 pixel bytes
 * (unsigned, row-major, top row first). A pixel byte {@code p} stands for the intensity {@code p / 255} in [0, 1],
 * which is the value fed to the models. Nothing may follow the last digit.
 */
public final class MnistDigits {

    /** Pixels per digit (28 x 28). */
    public static final int PIXELS = 28 * 28;

    private static final byte[] MAGIC = "ZKMNIST1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] labels;
    private final byte[] pixels;

    /** {@code labels[i]} (0..9) and {@code pixels[i*784 .. i*784+783]} for digit {@code i}; both are copied. */
    public MnistDigits(byte[] labels, byte[] pixels) {
        if (pixels.length != (long) labels.length * PIXELS) {
            throw new IllegalArgumentException(labels.length + " labels need " + (long) labels.length * PIXELS
                    + " pixels, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 9) {
                throw new IllegalArgumentException("label of digit " + i + " is " + labels[i] + ", not 0..9");
            }
        }
        this.labels = labels.clone();
        this.pixels = pixels.clone();
    }

    public int count() {
        return labels.length;
    }

    /** The class (0..9) of digit {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** All labels, in file order. */
    public int[] labels() {
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i];
        }
        return out;
    }

    /** Pixel {@code p} (0..783) of digit {@code i} as the byte value 0..255. */
    public int pixel(int i, int p) {
        return pixels[i * PIXELS + p] & 0xff;
    }

    /** The 784 intensities {@code byte / 255} of digit {@code i}, row-major. */
    public float[] intensities(int i) {
        float[] out = new float[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            out[p] = (pixels[i * PIXELS + p] & 0xff) / 255f;
        }
        return out;
    }

    /** The digits {@code from} (inclusive) to {@code to} (exclusive). */
    public MnistDigits range(int from, int to) {
        return new MnistDigits(Arrays.copyOfRange(labels, from, to),
                Arrays.copyOfRange(pixels, from * PIXELS, to * PIXELS));
    }

    /** Writes the digits to {@code file} in the format above. */
    public void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(toBytes());
        }
    }

    /** The gzipped file content (deterministic: no timestamp or file name in the gzip header). */
    public byte[] toBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.write(MAGIC);
            out.writeInt(labels.length);
            for (int i = 0; i < labels.length; i++) {
                out.writeByte(labels[i]);
                out.write(pixels, i * PIXELS, PIXELS);
            }
        }
        return bytes.toByteArray();
    }

    /** Reads a digits file; refuses, naming the file, a wrong header, a truncated file, trailing bytes, a bad label. */
    public static MnistDigits read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads the format above from {@code in}; {@code source} names the stream in error messages. */
    public static MnistDigits read(InputStream in, String source) throws IOException {
        String fix = "; regenerate it with inference/tools/train-mnist.sh";
        try (DataInputStream data = new DataInputStream(new GZIPInputStream(in))) {
            byte[] magic = new byte[MAGIC.length];
            try {
                data.readFully(magic);
            } catch (EOFException e) {
                throw new IOException("digits file " + source + " is truncated inside its header" + fix, e);
            }
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("digits file " + source + " does not start with \"ZKMNIST1\"; it is not an"
                        + " MNIST digits file of this format" + fix);
            }
            long count = data.readInt() & 0xffffffffL;
            if (count > Integer.MAX_VALUE / (PIXELS + 1)) {
                throw new IOException("digits file " + source + " declares " + count + " digits, too many" + fix);
            }
            byte[] labels = new byte[(int) count];
            byte[] pixels = new byte[(int) count * PIXELS];
            for (int i = 0; i < count; i++) {
                try {
                    labels[i] = data.readByte();
                    data.readFully(pixels, i * PIXELS, PIXELS);
                } catch (EOFException e) {
                    throw new IOException("digits file " + source + " is truncated: it declares " + count
                            + " digits but holds only " + i + " complete ones" + fix, e);
                }
                if (labels[i] < 0 || labels[i] > 9) {
                    throw new IOException("digits file " + source + ": digit " + i + " has label " + labels[i]
                            + ", not 0..9" + fix);
                }
            }
            if (data.read() != -1) {
                throw new IOException("digits file " + source + " has bytes after its " + count + " digits" + fix);
            }
            return new MnistDigits(labels, pixels);
        } catch (EOFException | ZipException e) {
            throw new IOException("digits file " + source + " is truncated or not gzip (" + e.getMessage() + ")"
                    + fix, e);
        }
    }
}
