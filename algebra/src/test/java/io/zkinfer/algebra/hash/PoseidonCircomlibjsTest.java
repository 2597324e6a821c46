package io.zkinfer.algebra.hash;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.testing.CircomlibjsPoseidon;
import io.zkinfer.algebra.testing.TestRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Parity with the pinned circomlibjs, the outside referee: hashes and whole permutations for every width, on
 * random and edge inputs, and the committed constants re-derived from circomlibjs's constants file. Skips,
 * printing why, without node or {@code interop/node_modules}.
 */
class PoseidonCircomlibjsTest {

    private static final int RANDOM_VECTORS_PER_WIDTH = 6;

    @BeforeEach
    void referee() {
        CircomlibjsPoseidon.assumeAvailable();
    }

    @Test
    void hashesMatchForEveryWidth() {
        Random rnd = TestRandom.forTest(PoseidonCircomlibjsTest.class);
        List<Fr[]> vectors = new ArrayList<>();
        for (int n = 1; n <= Poseidon.MAX_INPUTS; n++) {
            for (int k = 0; k < RANDOM_VECTORS_PER_WIDTH; k++) {
                vectors.add(PoseidonTest.randomVector(rnd, n));
            }
            vectors.add(constantVector(n, Fr.ZERO));
            vectors.add(constantVector(n, Fr.ONE.neg())); // r - 1 everywhere
            Fr[] small = new Fr[n];
            for (int i = 0; i < n; i++) {
                small[i] = Fr.of(rnd.nextInt(256));
            }
            vectors.add(small);
        }
        List<Fr> expected = CircomlibjsPoseidon.hash(vectors);
        for (int v = 0; v < vectors.size(); v++) {
            assertEquals(expected.get(v), Poseidon.hash(vectors.get(v)),
                    "poseidon of " + vectors.get(v).length + " inputs, vector " + v);
        }
    }

    @Test
    void permutationsMatchForEveryWidth() {
        Random rnd = TestRandom.forTest(PoseidonCircomlibjsTest.class);
        List<Fr[]> states = new ArrayList<>();
        for (int t = PoseidonParameters.MIN_WIDTH; t <= PoseidonParameters.MAX_WIDTH; t++) {
            for (int k = 0; k < 3; k++) {
                states.add(PoseidonTest.randomVector(rnd, t)); // a non-zero capacity element too
            }
        }
        List<Fr[]> expected = CircomlibjsPoseidon.permute(states);
        for (int s = 0; s < states.size(); s++) {
            assertArrayEquals(expected.get(s), Poseidon.permute(states.get(s)), "permutation of width " + states.get(s).length);
        }
    }

    @Test
    void committedConstantsAreCircomlibjss(@TempDir Path dir) throws IOException {
        Path regenerated = dir.resolve(PoseidonParameters.RESOURCE);
        CircomlibjsPoseidon.runTool("poseidon-constants.mjs", regenerated.toString());
        byte[] committed;
        try (InputStream in = PoseidonParameters.class.getResourceAsStream(PoseidonParameters.RESOURCE)) {
            assertNotNull(in, PoseidonParameters.RESOURCE);
            committed = in.readAllBytes();
        }
        assertArrayEquals(Files.readAllBytes(regenerated), committed,
                "the committed constants differ from circomlibjs's; regenerate with algebra/tools/poseidon-constants.mjs"
                        + " and update PoseidonParameters.RESOURCE_SHA256");
    }

    private static Fr[] constantVector(int n, Fr value) {
        Fr[] v = new Fr[n];
        Arrays.fill(v, value);
        return v;
    }
}
