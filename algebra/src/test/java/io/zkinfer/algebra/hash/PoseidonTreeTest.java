package io.zkinfer.algebra.hash;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.testing.CircomlibjsPoseidon;
import io.zkinfer.algebra.testing.TestRandom;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tree commitment's shape, written out by hand for small sizes, and circomlibjs's recomputation for many. */
class PoseidonTreeTest {

    @Test
    void upToSixteenLeavesIsOnePoseidonHash() {
        assertEquals(Poseidon.hash(Fr.of(7)), PoseidonTree.commit(List.of(Fr.of(7))));
        List<Fr> sixteen = leaves(16, 1);
        assertEquals(Poseidon.hash(sixteen), PoseidonTree.commit(sixteen));
    }

    @Test
    void seventeenLeavesHashTheirTwoChunks() {
        List<Fr> x = leaves(17, 1);
        Fr expected = Poseidon.hash(Poseidon.hash(x.subList(0, 16)), Poseidon.hash(x.get(16)));
        assertEquals(expected, PoseidonTree.commit(x));
    }

    @Test
    void threeLevelsFor257Leaves() {
        List<Fr> x = leaves(257, 3);
        List<Fr> level1 = new ArrayList<>();
        for (int i = 0; i < 257; i += 16) {
            level1.add(Poseidon.hash(x.subList(i, Math.min(i + 16, 257))));
        }
        assertEquals(17, level1.size());
        Fr expected = Poseidon.hash(Poseidon.hash(level1.subList(0, 16)), Poseidon.hash(level1.get(16)));
        assertEquals(expected, PoseidonTree.commit(x));
    }

    @Test
    void negativeIntegersAreTheirResiduesModR() {
        long[] q = {-1, 0, 127, -128, Long.MIN_VALUE};
        List<Fr> residues = List.of(Fr.ONE.neg(), Fr.ZERO, Fr.of(127), Fr.of(128).neg(),
                Fr.reduce(java.math.BigInteger.valueOf(Long.MIN_VALUE)));
        assertEquals(PoseidonTree.commit(residues), PoseidonTree.commitIntegers(q));
    }

    @Test
    void oneChangedLeafChangesTheCommitment() {
        long[] q = new long[300];
        Fr before = PoseidonTree.commitIntegers(q);
        q[299] = 1;
        assertNotEquals(before, PoseidonTree.commitIntegers(q));
    }

    @Test
    void noLeavesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PoseidonTree.commit(List.of()));
        assertTrue(e.getMessage().contains("at least one leaf"), e.getMessage());
    }

    @Test
    void circomlibjsRecomputesTheCommitment() {
        CircomlibjsPoseidon.assumeAvailable();
        Random rnd = TestRandom.forTest(PoseidonTreeTest.class);
        List<long[]> vectors = new ArrayList<>();
        for (int n : new int[] {1, 2, 15, 16, 17, 31, 33, 256, 257, 784}) {
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextInt(1 << 16) - (1 << 15);
            }
            vectors.add(v);
        }
        List<Fr> referee = CircomlibjsPoseidon.commit(vectors);
        for (int i = 0; i < vectors.size(); i++) {
            assertEquals(referee.get(i), PoseidonTree.commitIntegers(vectors.get(i)), vectors.get(i).length + " leaves");
        }
    }

    private static List<Fr> leaves(int n, long first) {
        List<Fr> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Fr.of(first + i));
        }
        return out;
    }
}
