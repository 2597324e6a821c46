package io.zkinfer.prover;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.UnsatisfiedWitnessException;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.verifier.Groth16Verifier;
import io.zkinfer.verifier.PreparedVerifyingKey;
import io.zkinfer.verifier.Proof;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Setup → prove → verify with our own keys, and the negative twins. */
class Groth16ProverTest {

    private static final int M = 300;
    private static R1cs chain;
    private static ProvingKey key;

    @BeforeAll
    static void setUp() {
        chain = ProverFixtures.chain(M);
        key = Groth16Setup.generate(chain, ProverFixtures.seeded(11));
    }

    @Test
    void keyHasTheSnarkjsShape() {
        // 300 + 1 constraints + 2 public signals + 1 → 512
        assertEquals(512, key.domainSize());
        assertEquals(chain.numWires(), key.nVars());
        assertEquals(2, key.nPublic());
        assertEquals(3, key.verifyingKey().ic().size());
        assertEquals(key.nVars() - 3, key.cQuery().size());
        assertEquals(512, key.hQuery().size());
        assertEquals(3, key.coefficients().count(QapCoefficients.A) - countA(chain));
    }

    private static int countA(R1cs r1cs) {
        int n = 0;
        for (var c : r1cs.constraints()) {
            n += c.a().size();
        }
        return n;
    }

    @Test
    void proofVerifies() {
        Witness w = ProverFixtures.chainWitness(M, 7, 5);
        Proof proof = Groth16Prover.prove(key, chain, w, new SecureRandom());
        List<Fr> pub = w.publicSignals(2);
        assertTrue(Groth16Verifier.verify(PreparedVerifyingKey.of(key.verifyingKey()), pub, proof));
    }

    @Test
    void proofsAreRandomisedButBothVerify() {
        Witness w = ProverFixtures.chainWitness(M, 2, 9);
        Proof p1 = Groth16Prover.prove(key, w, new SecureRandom());
        Proof p2 = Groth16Prover.prove(key, w, new SecureRandom());
        assertNotEquals(p1, p2);
        PreparedVerifyingKey pvk = PreparedVerifyingKey.of(key.verifyingKey());
        assertTrue(Groth16Verifier.verify(pvk, w.publicSignals(2), p1));
        assertTrue(Groth16Verifier.verify(pvk, w.publicSignals(2), p2));
    }

    @Test
    void wrongPublicInputFails() {
        Witness w = ProverFixtures.chainWitness(M, 7, 5);
        Proof proof = Groth16Prover.prove(key, w, new SecureRandom());
        List<Fr> pub = new ArrayList<>(w.publicSignals(2));
        pub.set(1, pub.get(1).add(Fr.ONE));
        assertFalse(Groth16Verifier.verify(PreparedVerifyingKey.of(key.verifyingKey()), pub, proof));
    }

    @Test
    void tamperedWitnessIsRefusedNamingTheConstraint() {
        Fr[] v = ProverFixtures.chainWitness(M, 7, 5).values();
        v[4 + 17] = v[4 + 17].add(Fr.ONE); // t17 wrong: constraints 17 (defines it) fails first
        Witness bad = Witness.of(v);
        UnsatisfiedWitnessException e = assertThrows(UnsatisfiedWitnessException.class,
                () -> Groth16Prover.prove(key, bad, new SecureRandom()));
        assertTrue(e.getMessage().contains("constraint 17"), e.getMessage());
        UnsatisfiedWitnessException e2 = assertThrows(UnsatisfiedWitnessException.class,
                () -> Groth16Prover.prove(key, chain, bad, new SecureRandom()));
        assertEquals(17, e2.result().failingConstraint(), e2.getMessage());
    }

    @Test
    void wrongWitnessLengthIsRefused() {
        Fr[] v = ProverFixtures.chainWitness(M, 7, 5).values();
        Witness shortW = Witness.of(java.util.Arrays.copyOf(v, v.length - 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Groth16Prover.prove(key, shortW, new SecureRandom()));
        assertTrue(e.getMessage().contains("expects " + key.nVars()), e.getMessage());
    }

    @Test
    void circuitsWithoutPrivateOrWithoutPublicWiresProve() {
        // out = in·in with both public: no private wire, so the C query is empty
        R1cs allPublic = R1cs.of(3, 1, 1, 0, List.of(new io.zkinfer.circuits.r1cs.Constraint(
                io.zkinfer.circuits.r1cs.LinearCombination.term(2, Fr.ONE),
                io.zkinfer.circuits.r1cs.LinearCombination.term(2, Fr.ONE),
                io.zkinfer.circuits.r1cs.LinearCombination.term(1, Fr.ONE))));
        ProvingKey k1 = Groth16Setup.generate(allPublic, ProverFixtures.seeded(31));
        assertEquals(0, k1.cQuery().size());
        Witness w1 = Witness.of(Fr.ONE, Fr.of(49), Fr.of(7));
        Proof p1 = Groth16Prover.prove(k1, w1, new SecureRandom());
        assertTrue(Groth16Verifier.verify(PreparedVerifyingKey.of(k1.verifyingKey()), w1.publicSignals(2), p1));
        // the same relation with everything private: nPublic = 0, IC = [IC0] only
        R1cs allPrivate = R1cs.of(3, 0, 0, 2, allPublic.constraints());
        ProvingKey k2 = Groth16Setup.generate(allPrivate, ProverFixtures.seeded(32));
        assertEquals(1, k2.verifyingKey().ic().size());
        Proof p2 = Groth16Prover.prove(k2, w1, new SecureRandom());
        assertTrue(Groth16Verifier.verify(PreparedVerifyingKey.of(k2.verifyingKey()), List.of(), p2));
    }

    @Test
    void cubicFixtureProvesWithOwnSetup() throws Exception {
        R1cs r1cs = ProverFixtures.cubicR1cs();
        Witness w = ProverFixtures.cubicWitness();
        ProvingKey k = Groth16Setup.generate(r1cs, ProverFixtures.seeded(5));
        assertEquals(8, k.domainSize());
        Proof proof = Groth16Prover.prove(k, w, new SecureRandom());
        assertTrue(Groth16Verifier.verify(PreparedVerifyingKey.of(k.verifyingKey()), w.publicSignals(3), proof));
    }
}
