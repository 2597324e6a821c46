package io.zkinfer.inference.mnist;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The digits file format: the committed file's content, a round trip, and refusal of damaged files. */
class MnistDigitsTest {

    @Test
    void committedFileHolds150InterleavedDigitsPerClass() {
        MnistDigits d = MnistFixtures.digits();
        assertEquals(1500, d.count());
        int[] perClass = new int[10];
        for (int i = 0; i < d.count(); i++) {
            assertEquals(i % 10, d.label(i), "digit " + i);
            perClass[d.label(i)]++;
        }
        int[] expected = new int[10];
        Arrays.fill(expected, 150);
        assertArrayEquals(expected, perClass);
        for (int i = 0; i < d.count(); i++) {
            int ink = 0;
            for (int p = 0; p < MnistDigits.PIXELS; p++) {
                ink += d.pixel(i, p);
            }
            assertTrue(ink > 0, "digit " + i + " is blank");
        }
    }

    @Test
    void roundTrip() throws IOException {
        MnistDigits d = MnistFixtures.digits().range(0, 20);
        MnistDigits back = MnistDigits.read(new ByteArrayInputStream(d.toBytes()), "round trip");
        assertEquals(20, back.count());
        for (int i = 0; i < 20; i++) {
            assertEquals(d.label(i), back.label(i));
            assertArrayEquals(d.intensities(i), back.intensities(i));
        }
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        byte[] content = gunzip(Files.readAllBytes(MnistFixtures.digitsFile()));
        byte[] cut = gzip(Arrays.copyOf(content, 12 + 785 * 3 + 100));
        IOException e = assertThrows(IOException.class,
                () -> MnistDigits.read(new ByteArrayInputStream(cut), "cut.bin.gz"));
        assertTrue(e.getMessage().contains("cut.bin.gz is truncated: it declares 1500 digits but holds only 3"),
                e.getMessage());
        assertTrue(e.getMessage().contains("train-mnist.sh"), e.getMessage());

        byte[] file = Files.readAllBytes(MnistFixtures.digitsFile());
        byte[] halfGzip = Arrays.copyOf(file, file.length / 2);
        IOException e2 = assertThrows(IOException.class,
                () -> MnistDigits.read(new ByteArrayInputStream(halfGzip), "half.bin.gz"));
        assertTrue(e2.getMessage().contains("half.bin.gz is truncated"), e2.getMessage());
    }

    @Test
    void refusesAWrongHeaderTrailingBytesAndABadLabel() throws IOException {
        byte[] content = gunzip(MnistFixtures.digits().range(0, 2).toBytes());
        byte[] wrongMagic = content.clone();
        wrongMagic[0] = 'X';
        assertRefused(wrongMagic, "does not start with \"ZKMNIST1\"");
        byte[] trailing = Arrays.copyOf(content, content.length + 1);
        assertRefused(trailing, "has bytes after its 2 digits");
        byte[] badLabel = content.clone();
        badLabel[12 + 785] = 10;
        assertRefused(badLabel, "digit 1 has label 10, not 0..9");
    }

    private static void assertRefused(byte[] content, String expected) throws IOException {
        byte[] file = gzip(content);
        IOException e = assertThrows(IOException.class,
                () -> MnistDigits.read(new ByteArrayInputStream(file), "bad.bin.gz"));
        assertTrue(e.getMessage().contains("bad.bin.gz") && e.getMessage().contains(expected), e.getMessage());
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }
}
