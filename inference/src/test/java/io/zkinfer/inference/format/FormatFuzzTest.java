package io.zkinfer.inference.format;

import io.zkinfer.algebra.testing.TestRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzzed, truncated and random bytes for every format: validation either accepts or refuses with a {@link
 * ModelValidationException}, never another exception, and always within seconds. Truncations are always refused.
 */
class FormatFuzzTest {

    private static final int CASES = 150;

    @TempDir
    Path dir;

    private Random random(String name) {
        long seed = TestRandom.seed("FormatFuzzTest." + name);
        System.out.println("FormatFuzzTest." + name + " seed " + seed);
        return new Random(seed);
    }

    private Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates {@code file}: success or a refusal, nothing else. */
    private static void acceptOrRefuse(Path file, String what) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                ValidatedModel.validate(file);
            } catch (ModelValidationException expected) {
                // refused with a message: fine
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                fail(what + " escaped as " + e, e);
            }
        });
    }

    private static byte[] mutate(byte[] valid, Random r) {
        byte[] b = valid.clone();
        int flips = 1 + r.nextInt(8);
        for (int i = 0; i < flips; i++) {
            int at = r.nextInt(b.length);
            b[at] = r.nextInt(3) == 0 ? (byte) 0xff : (byte) r.nextInt(256);
        }
        return b;
    }

    @Test
    void torchScriptArchives() {
        Random r = random("torchScript");
        byte[] valid = TorchScriptFixture.tinyLinear(new float[][] {{1, 2}, {3, 4}}, new float[] {1, 2}).bytes();
        for (int i = 0; i < CASES; i++) {
            int n = 1 + r.nextInt(valid.length - 1);
            Path cut = write("cut.pt", Arrays.copyOf(valid, n));
            assertThrows(ModelValidationException.class, () -> ValidatedModel.validate(cut),
                    "a truncation to " + n + " bytes must be refused");
            acceptOrRefuse(write("flip.pt", mutate(valid, r)), "a mutated archive (case " + i + ")");
            byte[] noise = new byte[r.nextInt(2048)];
            r.nextBytes(noise);
            if (noise.length >= 4) {
                noise[0] = 'P';
                noise[1] = 'K';
                noise[2] = 3;
                noise[3] = 4;
            }
            acceptOrRefuse(write("noise.pt", noise), "random bytes after a zip header (case " + i + ")");
        }
    }

    @Test
    void picklesScannedDirectly() {
        Random r = random("pickles");
        byte[] valid = new PickleWriter().proto(2).global(TorchScriptFixture.MODULE, TorchScriptFixture.CLASS)
                .emptyTuple().op(0x81).op('}').mark().string("w").floatTensor("0", new long[] {3, 2}, true)
                .op('u').op('b').stop().bytes();
        for (int i = 0; i < CASES * 10; i++) {
            byte[] b = r.nextBoolean() ? mutate(valid, r) : Arrays.copyOf(valid, r.nextInt(valid.length));
            int c = i;
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                try {
                    PickleSafetyScan.check("f.pt", "f/data.pkl", PickleScanner.scan("fuzz", "f/data.pkl",
                            b, ValidationLimits.DEFAULT));
                } catch (ModelValidationException expected) {
                    // refused
                } catch (RuntimeException e) {
                    fail("pickle case " + c + " " + Arrays.toString(b) + " escaped as " + e, e);
                }
            });
        }
    }

    @Test
    void savedModels() throws IOException {
        Random r = random("savedModel");
        byte[] valid = SavedModelFixture.savedModelPb(-1, 4);
        Path model = SavedModelFixture.write(dir.resolve("sm"), valid, 1);
        for (int i = 0; i < CASES; i++) {
            Files.write(model.resolve("saved_model.pb"), mutate(valid, r));
            acceptOrRefuse(model, "a mutated saved_model.pb (case " + i + ")");
            byte[] noise = new byte[r.nextInt(4096)];
            r.nextBytes(noise);
            Files.write(model.resolve("saved_model.pb"), noise);
            acceptOrRefuse(model, "a random saved_model.pb (case " + i + ")");
        }
    }

    @Test
    void onnxAndUnknownFiles() {
        Random r = random("onnx");
        byte[] valid = ModelFormatTest.onnx();
        for (int i = 0; i < CASES; i++) {
            Path cut = write("cut.onnx", Arrays.copyOf(valid, r.nextInt(valid.length)));
            assertThrows(ModelValidationException.class, () -> ValidatedModel.validate(cut));
            acceptOrRefuse(write("flip.onnx", mutate(valid, r)), "a mutated ONNX file (case " + i + ")");
            byte[] noise = new byte[r.nextInt(512)];
            r.nextBytes(noise);
            acceptOrRefuse(write("noise.bin", noise), "random bytes (case " + i + ")");
        }
    }
}
