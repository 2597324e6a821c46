package io.zkinfer.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** snarkjs's proofs verify, and every negative twin is rejected (false) or refused (exception). */
class Groth16VerifierTest {

    static final List<SnarkjsFixture> FIXTURES = SnarkjsFixture.ALL;

    @ParameterizedTest(name = "{0}")
    @FieldSource("FIXTURES")
    void snarkjsProofVerifies(SnarkjsFixture f) {
        assertTrue(Groth16Verifier.verify(f.vk(), f.publicSignals(), f.proof()));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("FIXTURES")
    void preparedKeyAndFieldInputsAgree(SnarkjsFixture f) {
        PreparedVerifyingKey pvk = f.vk().prepare();
        List<Fr> inputs = f.publicSignals().stream().map(Fr::of).toList();
        assertTrue(Groth16Verifier.verify(pvk, inputs, f.proof()));
        assertTrue(Groth16Verifier.verifyDecimal(f.vk(), inputs.stream().map(Fr::toDecimal).toList(), f.proof()));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("FIXTURES")
    void eachWrongPublicInputIsRejected(SnarkjsFixture f) {
        PreparedVerifyingKey pvk = f.vk().prepare();
        List<BigInteger> good = f.publicSignals();
        for (int i = 0; i < good.size(); i++) {
            List<Fr> bad = new ArrayList<>(good.stream().map(Fr::of).toList());
            bad.set(i, bad.get(i).add(Fr.ONE));
            assertFalse(Groth16Verifier.verify(pvk, bad, f.proof()), "public input [" + i + "] + 1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("FIXTURES")
    void eachTamperedProofElementIsRejected(SnarkjsFixture f) {
        VerifyingKey vk = f.vk();
        List<BigInteger> pub = f.publicSignals();
        Proof p = f.proof();
        Proof doubledA = new Proof(p.a().toJacobian().dbl().toAffine(), p.b(), p.c());
        Proof doubledB = new Proof(p.a(), p.b().toJacobian().dbl().toAffine(), p.c());
        Proof doubledC = new Proof(p.a(), p.b(), p.c().toJacobian().dbl().toAffine());
        Proof negatedA = new Proof(p.a().neg(), p.b(), p.c());
        Proof swappedAC = new Proof(p.c(), p.b(), p.a());
        assertFalse(Groth16Verifier.verify(vk, pub, doubledA), "pi_a doubled");
        assertFalse(Groth16Verifier.verify(vk, pub, doubledB), "pi_b doubled");
        assertFalse(Groth16Verifier.verify(vk, pub, doubledC), "pi_c doubled");
        assertFalse(Groth16Verifier.verify(vk, pub, negatedA), "pi_a negated");
        assertFalse(Groth16Verifier.verify(vk, pub, swappedAC), "pi_a and pi_c swapped");
        assertFalse(Groth16Verifier.verify(vk, pub, new Proof(G1Affine.INFINITY, p.b(), p.c())), "pi_a = O");
    }

    @Test
    void publicInputPlusRIsRefusedNotReduced() {
        SnarkjsFixture f = SnarkjsFixture.MULTIPLIER;
        List<BigInteger> pub = new ArrayList<>(f.publicSignals());
        pub.set(1, pub.get(1).add(Fr.MODULUS));
        InvalidPublicInputException e = assertThrows(InvalidPublicInputException.class,
                () -> Groth16Verifier.verify(f.vk(), pub, f.proof()));
        assertEquals(1, e.index());
        assertTrue(e.getMessage().contains("public input [1]"), e.getMessage());
        assertTrue(e.getMessage().contains("not reduced modulo r"), e.getMessage());

        List<String> decimals = pub.stream().map(BigInteger::toString).toList();
        InvalidPublicInputException d = assertThrows(InvalidPublicInputException.class,
                () -> Groth16Verifier.verifyDecimal(f.vk(), decimals, f.proof()));
        assertEquals(1, d.index());
    }

    @Test
    void negativeAndMalformedInputsAreRefused() {
        SnarkjsFixture f = SnarkjsFixture.MULTIPLIER;
        List<BigInteger> negative = List.of(BigInteger.valueOf(33), BigInteger.valueOf(-3));
        assertEquals(1, assertThrows(InvalidPublicInputException.class,
                () -> Groth16Verifier.verify(f.vk(), negative, f.proof())).index());
        assertEquals(0, assertThrows(InvalidPublicInputException.class,
                () -> Groth16Verifier.verifyDecimal(f.vk(), List.of("0x21", "3"), f.proof())).index());
    }

    @Test
    void wrongNumberOfPublicInputsIsRefused() {
        SnarkjsFixture f = SnarkjsFixture.MULTIPLIER;
        List<BigInteger> pub = f.publicSignals();
        List<BigInteger> tooFew = pub.subList(0, 1);
        List<BigInteger> tooMany = new ArrayList<>(pub);
        tooMany.add(BigInteger.ONE);
        InvalidPublicInputException few = assertThrows(InvalidPublicInputException.class,
                () -> Groth16Verifier.verify(f.vk(), tooFew, f.proof()));
        assertEquals(InvalidPublicInputException.NO_INDEX, few.index());
        assertTrue(few.getMessage().contains("expected 2") && few.getMessage().contains("given 1"), few.getMessage());
        assertThrows(InvalidPublicInputException.class, () -> Groth16Verifier.verify(f.vk(), tooMany, f.proof()));
        List<Fr> fieldTooMany = tooMany.stream().map(Fr::of).toList();
        assertThrows(InvalidPublicInputException.class,
                () -> Groth16Verifier.verify(f.vk().prepare(), fieldTooMany, f.proof()));
    }

    @Test
    void keyOfAnotherCircuitRejectsTheProof() {
        // Same number of public signals, different circuit (and setup).
        SnarkjsFixture m = SnarkjsFixture.MULTIPLIER;
        assertFalse(Groth16Verifier.verify(SnarkjsFixture.SQUAREPLUS.vk(), m.publicSignals(), m.proof()));
        assertFalse(Groth16Verifier.verify(m.vk(), SnarkjsFixture.SQUAREPLUS.publicSignals(),
                SnarkjsFixture.SQUAREPLUS.proof()));
        // Different count: refused as unusable, not "invalid".
        assertThrows(InvalidPublicInputException.class,
                () -> Groth16Verifier.verify(SnarkjsFixture.AFFINE5.vk(), m.publicSignals(), m.proof()));
    }

    @Test
    void offCurvePointsBuiltThroughTheJavaApiAreRefused() {
        Proof p = SnarkjsFixture.MULTIPLIER.proof();
        VerifyingKey vk = SnarkjsFixture.MULTIPLIER.vk();
        G1Affine offCurve = G1Affine.unchecked(p.a().x(), p.a().y().add(Fq.ONE));
        assertEquals("pi_a", assertThrows(InvalidArtifactException.class,
                () -> new Proof(offCurve, p.b(), p.c())).element());
        assertEquals("pi_c", assertThrows(InvalidArtifactException.class,
                () -> new Proof(p.a(), p.b(), offCurve)).element());
        List<G1Affine> ic = new ArrayList<>(vk.ic());
        ic.set(1, offCurve);
        InvalidArtifactException e = assertThrows(InvalidArtifactException.class,
                () -> new VerifyingKey(vk.alpha(), vk.beta(), vk.gamma(), vk.delta(), ic));
        assertEquals("IC[1]", e.element());
        assertTrue(e.getMessage().startsWith("verifying key: IC[1]: "), e.getMessage());
    }

    @Test
    void proofFromAnotherStatementIsRejected() {
        // squareplus proves "20 = 3*3 + 11"; claiming multiplier's signals with it must fail.
        SnarkjsFixture s = SnarkjsFixture.SQUAREPLUS;
        assertFalse(Groth16Verifier.verify(s.vk(), SnarkjsFixture.MULTIPLIER.publicSignals(), s.proof()));
    }
}
