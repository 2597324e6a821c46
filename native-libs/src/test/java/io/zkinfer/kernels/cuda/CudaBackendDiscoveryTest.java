package io.zkinfer.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.spi.Capability;
import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.KernelBackends;
import org.junit.jupiter.api.Test;

/** The CUDA backend is found by ServiceLoader and, on a machine without a device, says why it is unavailable. */
class CudaBackendDiscoveryTest {
    @Test
    void discoveredWithNameRankAndCapabilities() {
        KernelBackend cuda = KernelBackends.all().stream().filter(b -> b.name().equals("cuda")).findFirst()
                .orElseThrow(() -> new AssertionError("no backend named 'cuda' among " + KernelBackends.all()));
        assertEquals(CudaKernelBackend.RANK, cuda.rank());
        assertTrue(cuda.capabilities().contains(Capability.MSM_G1));
        assertTrue(cuda.capabilities().contains(Capability.NTT));
        assertTrue(cuda.capabilities().contains(Capability.MSM_G2));
    }

    @Test
    void unavailableBackendGivesAReasonAndTheSpiFallsBackToJava() {
        CudaKernelBackend cuda = CudaBackends.CUDA;
        if (cuda.isAvailable()) {
            assertEquals("", cuda.unavailableReason());
            return;
        }
        System.out.println(getClass().getSimpleName() + ": the CUDA backend reports itself unavailable: "
                + cuda.unavailableReason());
        assertFalse(cuda.unavailableReason().isBlank(), "an unavailable backend names its reason");
        CudaKernelException e = assertThrows(CudaKernelException.class,
                () -> cuda.ntt(new long[8], false), "calling an unavailable backend");
        assertTrue(e.getMessage().contains(cuda.unavailableReason()), e.getMessage());
        // The SPI never picks an unavailable backend: the best for MSM_G1 here is another one.
        assertFalse(KernelBackends.best(Capability.MSM_G1).name().equals("cuda"));
        assertEquals(G1Affine.GENERATOR.toJacobian(), KernelBackends.withJavaFallback(cuda).msmG1(
                new G1Affine[] {G1Affine.GENERATOR}, new long[] {1, 0, 0, 0}), "the fallback computes it in Java");
    }
}
