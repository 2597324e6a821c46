package io.zkinfer.circuits.gadgets;

import io.zkinfer.algebra.hash.PoseidonTree;
import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertRejected;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertSatisfied;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.shifted;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The tree commitment in circuit equals the native one, over one, two and three levels. */
class PoseidonTreeHashTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16, 17, 40, 257})
    void equalsTheNativeCommitment(int n) {
        Random rnd = TestRandom.forTest(PoseidonTreeHashTest.class);
        long[] values = new long[n];
        CircuitBuilder b = new CircuitBuilder();
        List<Signal> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values[i] = rnd.nextInt(256) - 128;
            leaves.add(b.privateInput("x" + i, values[i]));
        }
        Signal c = PoseidonTreeHash.commit(b, leaves);
        assertEquals(PoseidonTree.commitIntegers(values), c.value(), n + " leaves");
        Signal out = b.publicOutput("commitment", c);
        Circuit circuit = b.build();
        assertSatisfied(circuit);
        assertRejected(circuit, shifted(circuit, out, 1));
        assertRejected(circuit, shifted(circuit, leaves.get(n - 1), 1));
    }
}
