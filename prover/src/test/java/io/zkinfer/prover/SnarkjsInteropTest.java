package io.zkinfer.prover;

import io.zkinfer.circuits.format.R1csFile;
import io.zkinfer.circuits.format.WtnsFile;
import io.zkinfer.circuits.interop.NodeTools;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.verifier.Proof;
import io.zkinfer.verifier.SnarkjsFiles;
import io.zkinfer.verifier.VerifyingKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * snarkjs as the referee: it must accept our proofs made with our keys, with its own .zkey, and with keys
 * we derive from its .ptau. Skips, printing why, when node or the pinned tools are missing.
 */
class SnarkjsInteropTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void requireTools() {
        NodeTools.assumeAvailable();
    }

    @Test
    void snarkjsVerifiesOurProofWithOurKey() throws Exception {
        R1cs r1cs = ProverFixtures.cubicR1cs();
        Witness w = ProverFixtures.cubicWitness();
        ProvingKey key = Groth16Setup.generate(r1cs, new SecureRandom());
        assertSnarkjsAccepts(key.verifyingKey(), Groth16Prover.prove(key, w, new SecureRandom()), w, key.nPublic());
    }

    @Test
    void snarkjsVerifiesOurProofWithItsZkey() throws Exception {
        ProvingKey key = ZkeyFile.read(ProverFixtures.resource("cubic.zkey"));
        Witness w = ProverFixtures.cubicWitness();
        Proof proof = Groth16Prover.prove(key, w, new SecureRandom());
        VerifyingKey vk = SnarkjsFiles.readVerifyingKey(ProverFixtures.resource("cubic.vkey.json"));
        assertSnarkjsAccepts(vk, proof, w, key.nPublic());
    }

    @Test
    void snarkjsVerifiesOurProofWithAKeyFromItsPtau() throws Exception {
        PtauFile ptau = PtauFile.read(ProverFixtures.resource("pot8_final.ptau"));
        ProvingKey key = Groth16Setup.generate(ProverFixtures.cubicR1cs(), ptau, new SecureRandom());
        Witness w = ProverFixtures.cubicWitness();
        assertSnarkjsAccepts(key.verifyingKey(), Groth16Prover.prove(key, w, new SecureRandom()), w, key.nPublic());
    }

    @Test
    void snarkjsZkeyForAFreshCircuitProvesHere() throws Exception {
        // a 200-multiplication chain written as .r1cs by us, keyed by snarkjs, proven by us, verified by snarkjs
        R1cs r1cs = ProverFixtures.chain(200);
        Witness w = ProverFixtures.chainWitness(200, 5, 8);
        Path r1csFile = tmp.resolve("chain.r1cs");
        R1csFile.write(r1cs, r1csFile);
        Path zkey = tmp.resolve("chain.zkey");
        NodeTools.snarkjs(tmp, "groth16", "setup", r1csFile.toString(),
                ProverFixtures.resource("pot8_final.ptau").toString(), zkey.toString()).requireSuccess();
        NodeTools.snarkjs(tmp, "zkey", "export", "verificationkey", zkey.toString(), "vk.json").requireSuccess();
        ProvingKey key = ZkeyFile.read(zkey);
        Proof proof = Groth16Prover.prove(key, w, new SecureRandom());
        assertSnarkjsAccepts(SnarkjsFiles.readVerifyingKey(tmp.resolve("vk.json")), proof, w, key.nPublic());
        // our circuit phase over the same ptau agrees with snarkjs on everything δ does not touch
        ProvingKey ours = Groth16Setup.generate(r1cs, PtauFile.read(ProverFixtures.resource("pot8_final.ptau")),
                new SecureRandom());
        org.junit.jupiter.api.Assertions.assertEquals(key.aQuery(), ours.aQuery());
        org.junit.jupiter.api.Assertions.assertEquals(key.b1Query(), ours.b1Query());
        org.junit.jupiter.api.Assertions.assertEquals(key.b2Query(), ours.b2Query());
        org.junit.jupiter.api.Assertions.assertEquals(key.verifyingKey().ic(), ours.verifyingKey().ic());
        assertSnarkjsAccepts(ours.verifyingKey(), Groth16Prover.prove(ours, w, new SecureRandom()), w, ours.nPublic());
        // and snarkjs proves with the same key from our .wtns
        WtnsFile.write(w, tmp.resolve("chain.wtns"));
        NodeTools.snarkjs(tmp, "groth16", "prove", zkey.toString(), "chain.wtns", "p2.json", "pub2.json").requireSuccess();
        NodeTools.snarkjs(tmp, "groth16", "verify", "vk.json", "pub2.json", "p2.json").requireSuccess();
    }

    @Test
    void snarkjsProvesWithOurKeyExportedAsZkey() throws Exception {
        ProvingKey key = Groth16Setup.generate(ProverFixtures.cubicR1cs(), new SecureRandom());
        ZkeyFile.write(key, tmp.resolve("ours.zkey"));
        SnarkjsFiles.writeVerifyingKey(tmp.resolve("ours_vk.json"), key.verifyingKey());
        NodeTools.snarkjs(tmp, "groth16", "prove", "ours.zkey", ProverFixtures.resource("cubic.wtns").toString(),
                "p.json", "pub.json").requireSuccess();
        NodeTools.snarkjs(tmp, "groth16", "verify", "ours_vk.json", "pub.json", "p.json").requireSuccess();
        Proof theirs = SnarkjsFiles.readProof(tmp.resolve("p.json"));
        assertTrue(io.zkinfer.verifier.Groth16Verifier.verify(key.verifyingKey(),
                SnarkjsFiles.readPublicSignals(tmp.resolve("pub.json")), theirs));
    }

    private void assertSnarkjsAccepts(VerifyingKey vk, Proof proof, Witness w, int nPublic) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "case");
        SnarkjsFiles.writeVerifyingKey(dir.resolve("verification_key.json"), vk);
        SnarkjsFiles.writeProof(dir.resolve("proof.json"), proof);
        SnarkjsFiles.writePublicSignals(dir.resolve("public.json"), w.publicSignals(nPublic));
        NodeTools.Result r = NodeTools.snarkjs(dir, "groth16", "verify", "verification_key.json", "public.json",
                "proof.json");
        assertTrue(r.exitCode() == 0 && r.plainOutput().contains("OK"), r.plainOutput());
        // negative twin: a wrong public signal must be rejected by snarkjs as well
        var wrong = new java.util.ArrayList<>(w.publicSignals(nPublic));
        wrong.set(0, wrong.get(0).add(io.zkinfer.algebra.field.Fr.ONE));
        SnarkjsFiles.writePublicSignals(dir.resolve("wrong.json"), wrong);
        NodeTools.Result bad = NodeTools.snarkjs(dir, "groth16", "verify", "verification_key.json", "wrong.json",
                "proof.json");
        assertTrue(bad.exitCode() != 0 || !bad.plainOutput().contains("OK!"), bad.plainOutput());
    }
}
