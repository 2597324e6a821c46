package io.zkinfer.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.algebra.spi.JavaKernelBackend;
import io.zkinfer.algebra.spi.RandomQap;
import io.zkinfer.algebra.spi.UnsatisfiedRowException;
import io.zkinfer.algebra.testing.TestRandom;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The native QAP quotient step against the Java one, bit for bit, on both arithmetic paths: sizes where the NTTs
 * run on one thread and on all, a domain mostly empty (a real key's padding), entries copied in small batches,
 * and an unsatisfied row found by the parallel check in the last chunk of the domain.
 */
class NativeQapParityTest {
    private static long seed;

    @BeforeAll
    static void seed() {
        seed = TestRandom.seed(NativeQapParityTest.class.getSimpleName());
    }

    @AfterEach
    void restoreDetection() {
        if (NativeBackends.registered().isAvailable()) {
            NativeKernels.forcePortable(false);
        }
    }

    @ParameterizedTest(name = "portable={0}")
    @ValueSource(booleans = {false, true})
    void quotientEqualsJava(boolean portable) {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        NativeKernels.forcePortable(portable);
        JavaKernelBackend java = new JavaKernelBackend();
        Random rnd = new Random(seed);
        int[][] shapes = {{2, 3, 3}, {11, 2000, 700}, {12, 4096, 2000}, {15, 20000, 9000}};
        for (int[] s : shapes) {
            RandomQap qap = new RandomQap(rnd, s[0], s[1], s[2]);
            long[] z = qap.witnessLimbs();
            String what = "2^" + s[0] + " rows, " + s[1] + " used, isa=" + NativeKernels.isa();
            assertArrayEquals(java.qapQuotient(qap.withC, z, s[0]), nb.qapQuotient(qap.withC, z, s[0]), what);
            assertArrayEquals(java.qapQuotient(qap.withoutC, z, s[0]), nb.qapQuotient(qap.withoutC, z, s[0]),
                    what + ", without C");
        }
    }

    /** The JNI layer copies the entries in batches (2^20 in use); smaller batches show the seams. */
    @ParameterizedTest(name = "batch={0}")
    @ValueSource(ints = {1, 7, 1000})
    void entriesCopiedInBatchesGiveTheSameQuotient(int batch) {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        RandomQap qap = new RandomQap(new Random(seed + 2), 9, 500, 200);
        long[] z = qap.witnessLimbs();
        assertArrayEquals(new JavaKernelBackend().qapQuotient(qap.withC, z, 9), nb.qapQuotient(qap.withC, z, 9, batch));
        UnsatisfiedRowException e = assertThrows(UnsatisfiedRowException.class,
                () -> nb.qapQuotient(qap.withCOffAt(499, 250), z, 9, batch));
        assertEquals(250, e.row());
    }

    @ParameterizedTest(name = "portable={0}")
    @ValueSource(booleans = {false, true})
    void anUnsatisfiedRowInTheLastChunkIsFound(boolean portable) {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        NativeKernels.forcePortable(portable);
        RandomQap qap = new RandomQap(new Random(seed + 1), 14, 1 << 14, 3000);
        UnsatisfiedRowException e = assertThrows(UnsatisfiedRowException.class,
                () -> nb.qapQuotient(qap.withCOffAt((1 << 14) - 1, (1 << 14) - 4000), qap.witnessLimbs(), 14));
        assertEquals((1 << 14) - 4000, e.row());
    }
}
