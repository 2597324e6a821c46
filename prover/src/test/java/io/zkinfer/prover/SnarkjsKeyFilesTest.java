package io.zkinfer.prover;

import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.verifier.Groth16Verifier;
import io.zkinfer.verifier.PreparedVerifyingKey;
import io.zkinfer.verifier.Proof;
import io.zkinfer.verifier.SnarkjsFiles;
import io.zkinfer.verifier.VerifyingKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading snarkjs .zkey and .ptau files (committed fixtures; no node needed). */
class SnarkjsKeyFilesTest {

    @TempDir
    Path tmp;

    @Test
    void zkeyMatchesItsExportedVerificationKeyAndProves() throws Exception {
        ProvingKey key = ZkeyFile.read(ProverFixtures.resource("cubic.zkey"));
        VerifyingKey vk = SnarkjsFiles.readVerifyingKey(ProverFixtures.resource("cubic.vkey.json"));
        assertEquals(vk, key.verifyingKey());
        assertEquals(8, key.domainSize());
        assertEquals(7, key.nVars());
        assertEquals(3, key.nPublic());
        Witness w = ProverFixtures.cubicWitness();
        Proof proof = Groth16Prover.prove(key, w, new SecureRandom());
        assertTrue(Groth16Verifier.verify(PreparedVerifyingKey.of(vk), w.publicSignals(3), proof));
    }

    @Test
    void setupFromPtauMatchesSnarkjsWhereDeltaDoesNotEnterAndProves() throws Exception {
        PtauFile ptau = PtauFile.read(ProverFixtures.resource("pot8_final.ptau"));
        assertEquals(8, ptau.power());
        R1cs r1cs = ProverFixtures.cubicR1cs();
        ProvingKey ours = Groth16Setup.generate(r1cs, ptau, ProverFixtures.seeded(3));
        ProvingKey theirs = ZkeyFile.read(ProverFixtures.resource("cubic.zkey"));
        assertEquals(theirs.verifyingKey().alpha(), ours.verifyingKey().alpha());
        assertEquals(theirs.verifyingKey().beta(), ours.verifyingKey().beta());
        assertEquals(theirs.verifyingKey().gamma(), ours.verifyingKey().gamma());
        assertEquals(theirs.verifyingKey().ic(), ours.verifyingKey().ic());
        assertEquals(theirs.beta1(), ours.beta1());
        assertEquals(theirs.aQuery(), ours.aQuery());
        assertEquals(theirs.b1Query(), ours.b1Query());
        assertEquals(theirs.b2Query(), ours.b2Query());
        Witness w = ProverFixtures.cubicWitness();
        Proof proof = Groth16Prover.prove(ours, w, new SecureRandom());
        assertTrue(Groth16Verifier.verify(PreparedVerifyingKey.of(ours.verifyingKey()), w.publicSignals(3), proof));
    }

    @Test
    void ourKeyRoundTripsThroughTheZkeyFormat() throws Exception {
        ProvingKey key = Groth16Setup.generate(ProverFixtures.chain(30), ProverFixtures.seeded(8));
        Path f = tmp.resolve("chain.zkey");
        ZkeyFile.write(key, f);
        ProvingKey back = ZkeyFile.read(f);
        assertEquals(key.verifyingKey(), back.verifyingKey());
        assertEquals(key.aQuery(), back.aQuery());
        assertEquals(key.b2Query(), back.b2Query());
        assertEquals(key.hQuery(), back.hQuery());
        assertEquals(key.coefficients().count(QapCoefficients.B), back.coefficients().count(QapCoefficients.B));
        Witness w = ProverFixtures.chainWitness(30, 4, 4);
        Proof proof = Groth16Prover.prove(back, w, new SecureRandom());
        assertTrue(Groth16Verifier.verify(PreparedVerifyingKey.of(key.verifyingKey()), w.publicSignals(2), proof));
        // snarkjs's own key survives a read/write/read unchanged
        ProvingKey theirs = ZkeyFile.read(ProverFixtures.resource("cubic.zkey"));
        ZkeyFile.write(theirs, tmp.resolve("cubic.zkey"));
        ProvingKey again = ZkeyFile.read(tmp.resolve("cubic.zkey"));
        assertEquals(theirs.hQuery(), again.hQuery());
        org.junit.jupiter.api.Assertions.assertArrayEquals(theirs.coefficients().valueLimbs(),
                again.coefficients().valueLimbs());
    }

    @Test
    void ptauTooSmallSaysWhichPowerIsNeeded() throws Exception {
        PtauFile ptau = PtauFile.read(ProverFixtures.resource("pot8_final.ptau"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Groth16Setup.generate(ProverFixtures.chain(300), ptau, new SecureRandom()));
        assertTrue(e.getMessage().contains("power >= 9"), e.getMessage());
    }

    @Test
    void unpreparedPtauIsRefused() throws Exception {
        byte[] all = Files.readAllBytes(ProverFixtures.resource("pot8_final.ptau"));
        Path cut = tmp.resolve("unprepared.ptau");
        Files.write(cut, keepSections(all, 1, 2, 3, 4, 5, 6, 7));
        IOException e = assertThrows(IOException.class, () -> PtauFile.read(cut));
        assertTrue(e.getMessage().contains("snarkjs powersoftau prepare phase2"), e.getMessage());
    }

    @Test
    void plonkZkeyIsRefused() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(12 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("zkey".getBytes()).putInt(1).putInt(1).putInt(1).putLong(4).putInt(2);
        Path f = tmp.resolve("plonk.zkey");
        Files.write(f, b.array());
        IOException e = assertThrows(IOException.class, () -> ZkeyFile.read(f));
        assertTrue(e.getMessage().contains("PLONK") && e.getMessage().contains("Groth16"), e.getMessage());
    }

    @Test
    void notAZkeyIsRefused() throws Exception {
        IOException e = assertThrows(IOException.class, () -> ZkeyFile.read(ProverFixtures.resource("pot8_final.ptau")));
        assertTrue(e.getMessage().contains("not a snarkjs .zkey"), e.getMessage());
    }

    /** Rewrites a binfile keeping only the listed section ids. */
    static byte[] keepSections(byte[] file, int... keep) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(file.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(file, 0, 8);
        int n = in.getInt(8);
        int kept = 0;
        out.putInt(0);
        int pos = 12;
        for (int i = 0; i < n; i++) {
            int id = in.getInt(pos);
            long size = in.getLong(pos + 4);
            boolean k = false;
            for (int x : keep) {
                k |= x == id;
            }
            if (k) {
                out.put(file, pos, (int) (12 + size));
                kept++;
            }
            pos += 12 + (int) size;
        }
        out.putInt(8, kept);
        byte[] r = new byte[out.position()];
        System.arraycopy(out.array(), 0, r, 0, r.length);
        return r;
    }
}
