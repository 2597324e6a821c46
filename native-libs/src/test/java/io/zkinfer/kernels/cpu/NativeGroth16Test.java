package io.zkinfer.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.spi.JavaKernelBackend;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.prover.Groth16Prover;
import io.zkinfer.prover.Groth16Setup;
import io.zkinfer.prover.ProvingKey;
import io.zkinfer.verifier.Groth16Verifier;
import io.zkinfer.verifier.PreparedVerifyingKey;
import io.zkinfer.verifier.Proof;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Groth16 proof made on the native backend verifies with the Java verifier, as the Java backend's does. */
class NativeGroth16Test {
    private static final int M = 700;
    private static ProvingKey key;
    private static PreparedVerifyingKey pvk;

    @BeforeAll
    static void setUp() {
        R1cs chain = ChainCircuit.r1cs(M);
        key = Groth16Setup.generate(chain, new SecureRandom());
        pvk = PreparedVerifyingKey.of(key.verifyingKey());
    }

    @Test
    void nativeProofVerifiesLikeAJavaProof() {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        Witness w = ChainCircuit.witness(M, 7, 5);
        List<Fr> pub = w.publicSignals(2);
        Proof nativeProof = new Groth16Prover(nb).createProof(key, w, new SecureRandom());
        Proof javaProof = new Groth16Prover(new JavaKernelBackend()).createProof(key, w, new SecureRandom());
        assertTrue(Groth16Verifier.verify(pvk, pub, nativeProof), "native proof");
        assertTrue(Groth16Verifier.verify(pvk, pub, javaProof), "Java proof");
    }

    @Test
    void nativeProofFailsOnAWrongPublicInput() {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        Witness w = ChainCircuit.witness(M, 3, 11);
        Proof proof = new Groth16Prover(nb).createProof(key, w, new SecureRandom());
        List<Fr> pub = new ArrayList<>(w.publicSignals(2));
        pub.set(1, pub.get(1).add(Fr.ONE));
        assertFalse(Groth16Verifier.verify(pvk, pub, proof));
    }
}
