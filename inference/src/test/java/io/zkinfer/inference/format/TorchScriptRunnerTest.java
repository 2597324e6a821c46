package io.zkinfer.inference.format;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A TorchScript archive built here (no Python) is validated, loaded by libtorch through DJL offline, and computes
 * {@code x W^T + b} with the weights it was written with. Skips, saying why, where libtorch cannot load.
 */
class TorchScriptRunnerTest {

    private static Optional<String> unavailable;

    @BeforeAll
    static void engine() {
        unavailable = TorchScriptRunner.unavailableReason();
        unavailable.ifPresent(why -> System.out.println("SKIP TorchScript execution through DJL: " + why));
    }

    private static void assumeEngine() {
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> "libtorch unavailable: " + unavailable.orElse(""));
    }

    @Test
    void theTinyLinearArchiveRunsWithTheWeightsItWasWrittenWith(@TempDir Path dir) {
        assumeEngine();
        long seed = TestRandom.seed("TorchScriptRunnerTest.tinyLinear");
        System.out.println("TorchScriptRunnerTest.tinyLinear seed " + seed);
        Random random = new Random(seed);
        int in = 4;
        int out = 3;
        int batch = 2;
        float[][] w = new float[out][in];
        float[] b = new float[out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                w[o][i] = random.nextFloat() * 2 - 1;
            }
            b[o] = random.nextFloat() * 2 - 1;
        }
        float[] x = new float[batch * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat() * 4 - 2;
        }
        Path file = TorchScriptFixture.tinyLinear(w, b).write(dir.resolve("tiny.pt"));
        float[] expected = new float[batch * out];
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int i = 0; i < in; i++) {
                    s += (double) x[n * in + i] * w[o][i];
                }
                expected[n * out + o] = (float) s;
            }
        }
        try (TorchScriptRunner runner = new TorchScriptRunner(file)) {
            assertEquals(List.of("__torch__.zk.TinyLinear"), runner.archive().classes());
            Tensor y = runner.run(Tensor.ofFloats(new long[] {batch, in}, x));
            assertEquals(DataType.FLOAT, y.type());
            assertArrayEquals(new long[] {batch, out}, y.shape());
            float[] got = y.floats();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], got[i], 1e-5f * (1 + Math.abs(expected[i])), "output " + i);
            }
        }
    }

    @Test
    void anUnsafeArchiveNeverReachesLibtorch(@TempDir Path dir) {
        Path file = TorchScriptFixture.tinyLinear(new float[][] {{1f}}, new float[] {0f})
                .entry("constants.pkl", new PickleWriter().proto(2).global("os", "system").string("true")
                        .op(0x85).reduce().stop().bytes())
                .write(dir.resolve("evil.pt"));
        UnsafePickleException e = assertThrows(UnsafePickleException.class, () -> new TorchScriptRunner(file));
        assertEquals("os.system", e.global());
        assertTrue(e.getMessage().contains("tiny_linear/constants.pkl"), e.getMessage());
    }
}
