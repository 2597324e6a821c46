package io.zkinfer.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.spi.JavaKernelBackend;
import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.KernelBackends;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.prover.Groth16Prover;
import io.zkinfer.prover.Groth16Setup;
import io.zkinfer.prover.ProvingKey;
import io.zkinfer.verifier.Groth16Verifier;
import io.zkinfer.verifier.PreparedVerifyingKey;
import io.zkinfer.verifier.Proof;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A native library that cannot load leaves an unavailable backend with its reason, and the Java backend proves. */
class NativeLoadFailureTest {

    @Test
    void disabledBackendSaysWhyAndJavaIsChosen() {
        NativeKernelBackend disabled = new NativeKernelBackend(new NativeLibraryLoader(null, true));
        assertFalse(disabled.isAvailable());
        assertTrue(disabled.unavailableReason().contains("-Dzkinfer.native.disable=true"), disabled.unavailableReason());
        KernelBackend chosen = KernelBackends.select(List.of(disabled, new JavaKernelBackend()), null, null);
        assertEquals(JavaKernelBackend.NAME, chosen.name());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KernelBackends.select(List.of(disabled, new JavaKernelBackend()), "native", null));
        assertTrue(e.getMessage().contains("disable"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> disabled.ntt(new long[4], false));
    }

    @Test
    void missingOverrideFileSaysWhichFile() {
        String missing = "/nonexistent/zkinfer/libzkinfer_native.so";
        NativeKernelBackend b = new NativeKernelBackend(new NativeLibraryLoader(missing, false));
        assertFalse(b.isAvailable());
        assertTrue(b.unavailableReason().contains(missing) && b.unavailableReason().contains("does not exist"),
                b.unavailableReason());
    }

    @Test
    void javaBackendStillProvesWhenNativeIsUnavailable() {
        NativeKernelBackend unavailable = new NativeKernelBackend(new NativeLibraryLoader("/nonexistent/lib.so", false));
        KernelBackend chosen = KernelBackends.withJavaFallback(
                KernelBackends.select(List.of(unavailable, new JavaKernelBackend()), null, null));
        System.out.println("native backend unavailable (" + unavailable.unavailableReason() + "); proving on '"
                + chosen.name() + "'");
        int m = 40;
        ProvingKey key = Groth16Setup.generate(ChainCircuit.r1cs(m), new SecureRandom());
        Witness w = ChainCircuit.witness(m, 4, 9);
        Proof proof = new Groth16Prover(chosen).createProof(key, w, new SecureRandom());
        List<Fr> pub = w.publicSignals(2);
        assertTrue(Groth16Verifier.verify(PreparedVerifyingKey.of(key.verifyingKey()), pub, proof));
    }
}
