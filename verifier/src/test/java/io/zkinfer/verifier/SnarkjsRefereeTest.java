package io.zkinfer.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.algebra.field.Fr;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pinned snarkjs 0.7.6 as outside referee: on files our writers produce, it reaches the same verdict
 * as {@link Groth16Verifier} for the genuine proof and for each negative twin. Skipped, with the reason
 * printed, when Node.js or snarkjs is not installed.
 */
class SnarkjsRefereeTest {

    @TempDir
    Path dir;

    @Test
    void snarkjsAgreesOnGenuineAndTamperedProofs() throws IOException {
        SnarkjsReferee.assumeAvailable();
        SnarkjsFixture f = SnarkjsFixture.MULTIPLIER;
        VerifyingKey vk = f.vk();
        Proof p = f.proof();
        List<Fr> pub = f.publicSignals().stream().map(Fr::of).toList();
        List<Fr> wrongPub = List.of(pub.get(0).add(Fr.ONE), pub.get(1));

        assertAgree("genuine", vk, pub, p);
        assertAgree("wrong public input", vk, wrongPub, p);
        assertAgree("pi_a doubled", vk, pub, new Proof(p.a().toJacobian().dbl().toAffine(), p.b(), p.c()));
        assertAgree("pi_b doubled", vk, pub, new Proof(p.a(), p.b().toJacobian().dbl().toAffine(), p.c()));
        assertAgree("pi_c doubled", vk, pub, new Proof(p.a(), p.b(), p.c().toJacobian().dbl().toAffine()));
        assertAgree("vk of another circuit", SnarkjsFixture.SQUAREPLUS.vk(), pub, p);
    }

    @Test
    void snarkjsAlsoRefusesAnUnreducedPublicInput() throws IOException {
        SnarkjsReferee.assumeAvailable();
        SnarkjsFixture f = SnarkjsFixture.MULTIPLIER;
        List<BigInteger> pub = new ArrayList<>(f.publicSignals());
        pub.set(1, pub.get(1).add(Fr.MODULUS));
        Path pubFile = dir.resolve("public_unreduced.json");
        Files.writeString(pubFile, "[\n \"" + pub.get(0) + "\",\n \"" + pub.get(1) + "\"\n]");
        Path vkFile = dir.resolve("vk.json");
        Path proofFile = dir.resolve("proof.json");
        SnarkjsFiles.writeVerifyingKey(vkFile, f.vk());
        SnarkjsFiles.writeProof(proofFile, f.proof());

        assertFalse(SnarkjsReferee.groth16Verify(vkFile, pubFile, proofFile), "snarkjs accepted x + r");
        List<BigInteger> read = SnarkjsFiles.readPublicSignals(pubFile);
        assertThrows(InvalidPublicInputException.class,
                () -> Groth16Verifier.verify(SnarkjsFiles.readVerifyingKey(vkFile), read,
                        SnarkjsFiles.readProof(proofFile)));
    }

    private void assertAgree(String name, VerifyingKey vk, List<Fr> pub, Proof proof) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name.replace(' ', '_')));
        Path vkFile = d.resolve("verification_key.json");
        Path pubFile = d.resolve("public.json");
        Path proofFile = d.resolve("proof.json");
        SnarkjsFiles.writeVerifyingKey(vkFile, vk);
        SnarkjsFiles.writePublicSignals(pubFile, pub);
        SnarkjsFiles.writeProof(proofFile, proof);
        boolean ours = Groth16Verifier.verify(vk.prepare(), pub, proof);
        boolean theirs = SnarkjsReferee.groth16Verify(vkFile, pubFile, proofFile);
        assertEquals(theirs, ours, name + ": snarkjs says " + theirs + ", we say " + ours);
        assertEquals(name.equals("genuine"), ours, name);
    }
}
