package io.zkinfer.prover;

import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.verifier.Groth16Verifier;
import io.zkinfer.verifier.PreparedVerifyingKey;
import io.zkinfer.verifier.Proof;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvingKeyFileTest {

    @TempDir
    Path tmp;

    @Test
    void roundTripKeepsEveryPartAndStillProves() throws Exception {
        ProvingKey key = Groth16Setup.generate(ProverFixtures.chain(40), ProverFixtures.seeded(21));
        Path f = tmp.resolve("chain.pk");
        ProvingKeyFile.write(key, f);
        ProvingKey back = ProvingKeyFile.read(f);
        assertEquals(key.verifyingKey(), back.verifyingKey());
        assertEquals(key.beta1(), back.beta1());
        assertEquals(key.delta1(), back.delta1());
        assertEquals(key.domainSize(), back.domainSize());
        assertEquals(key.aQuery(), back.aQuery());
        assertEquals(key.b1Query(), back.b1Query());
        assertEquals(key.b2Query(), back.b2Query());
        assertEquals(key.cQuery(), back.cQuery());
        assertEquals(key.hQuery(), back.hQuery());
        assertArrayEquals(key.coefficients().valueLimbs(), back.coefficients().valueLimbs());
        assertArrayEquals(key.coefficients().signalArray(), back.coefficients().signalArray());
        Witness w = ProverFixtures.chainWitness(40, 3, 4);
        Proof p = Groth16Prover.prove(back, w, new SecureRandom());
        assertTrue(Groth16Verifier.verify(PreparedVerifyingKey.of(back.verifyingKey()), w.publicSignals(2), p));
        // a snarkjs key round-trips too
        ProvingKey zkey = ZkeyFile.read(ProverFixtures.resource("cubic.zkey"));
        ProvingKeyFile.write(zkey, tmp.resolve("cubic.pk"));
        assertEquals(zkey.hQuery(), ProvingKeyFile.read(tmp.resolve("cubic.pk")).hQuery());
    }

    @Test
    void corruptionIsDetected() throws Exception {
        ProvingKey key = Groth16Setup.generate(ProverFixtures.chain(8), ProverFixtures.seeded(22));
        Path f = tmp.resolve("k.pk");
        ProvingKeyFile.write(key, f);
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 1;
        Files.write(f, b);
        IOException e = assertThrows(IOException.class, () -> ProvingKeyFile.read(f));
        assertTrue(e.getMessage().contains("digest"), e.getMessage());
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 100));
        assertThrows(IOException.class, () -> ProvingKeyFile.read(f));
        IOException e2 = assertThrows(IOException.class, () -> ProvingKeyFile.read(ProverFixtures.resource("cubic.zkey")));
        assertTrue(e2.getMessage().contains("magic"), e2.getMessage());
    }
}
