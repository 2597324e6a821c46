package io.zkinfer.circuits.gadgets;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertRejected;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertSatisfied;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.shifted;
import static io.zkinfer.circuits.gadgets.IntegerReference.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LookupTest {

    /**
     * The documented cost: L + H + 3 + R (R the rows of L entries holding a non-zero one), plus 2k + 2 when the
     * size is not a power of two; 1 for one entry.
     */
    static long expectedCost(long[] table) {
        int size = table.length;
        if (size == 1) {
            return 1;
        }
        int k = 32 - Integer.numberOfLeadingZeros(size - 1);
        int lo = (k + 1) / 2;
        int rows = 0;
        for (int t = 0; t << lo < size; t++) {
            boolean nonZero = false;
            for (int j = t << lo; j < Math.min(size, (t + 1) << lo); j++) {
                nonZero |= table[j] != 0;
            }
            rows += nonZero ? 1 : 0;
        }
        long cost = (1L << lo) + (1L << (k - lo)) + 3 + rows;
        return Integer.bitCount(size) == 1 ? cost : cost + 2L * k + 2;
    }

    @Test
    void lookupAgreesWithTheExecutorOnActivationTables() {
        Random rnd = TestRandom.forTest(LookupTest.class);
        for (int bits : new int[] {8, 10}) {
            int size = 1 << bits;
            long offset = size / 2;
            long[] table = new long[size];
            for (int i = 0; i < size; i++) {
                table[i] = rnd.nextInt(size) - offset;
            }
            int n = 40;
            long[] xs = new long[n];
            for (int i = 0; i < n; i++) {
                xs[i] = i == 0 ? -offset : i == 1 ? offset - 1 : rnd.nextInt(size) - offset;
            }
            CircuitBuilder b = new CircuitBuilder();
            Signal[] ys = new Signal[n];
            for (int i = 0; i < n; i++) {
                Signal x = b.privateInput("x" + i, xs[i]);
                int before = b.numConstraints();
                ys[i] = Lookup.lookup(b, x, table, offset);
                assertEquals(expectedCost(table), b.numConstraints() - before);
                ys[i] = b.publicOutput("y" + i, ys[i]);
            }
            Circuit c = b.build();
            long[] ref = IntegerReference.run("Lookup", Map.of("offset", integer(offset)), IntegerReference.vector(xs),
                    IntegerReference.vector(table));
            for (int i = 0; i < n; i++) {
                assertEquals(ref[i], ys[i].longValue());
            }
            assertSatisfied(c);
            assertRejected(c, shifted(c, ys[5], 1));
        }
        long[] ones = new long[256];
        Arrays.fill(ones, 1);
        assertEquals(51, expectedCost(ones));
        long[] halfZero = ones.clone();
        Arrays.fill(halfZero, 0, 128, 0); // a ReLU-like table: the negative half's rows are free
        assertEquals(43, expectedCost(halfZero));
    }

    @Test
    void tablesOfAnySizeWork() {
        Random rnd = TestRandom.forTest(LookupTest.class);
        for (int size : new int[] {1, 2, 3, 5, 17, 100, 300}) {
            long[] table = new long[size];
            for (int i = 0; i < size; i++) {
                table[i] = rnd.nextLong(-1_000_000, 1_000_000);
            }
            for (int i : new int[] {0, size - 1, rnd.nextInt(size)}) {
                CircuitBuilder b = new CircuitBuilder();
                Signal y = Lookup.lookup(b, b.privateInput("x", i - 3), table, 3);
                assertEquals(expectedCost(table), b.numConstraints(), "size " + size);
                assertEquals(table[i], y.longValue());
                assertSatisfied(b.build());
            }
        }
    }

    /** Moving the hot low selector breaks the index equation; making two hot breaks the one-hot sum. */
    @Test
    void anotherSelectorIsRejected() {
        long[] table = new long[256];
        for (int i = 0; i < 256; i++) {
            table[i] = i * 3L;
        }
        CircuitBuilder moved = new CircuitBuilder((scope, role, honest) ->
                role.equals("u") ? (honest.isZero() ? Fr.ONE : Fr.ZERO) : honest);
        Lookup.lookup(moved, moved.privateInput("x", 5), table, 128);
        assertRejected(moved.build());
        int[] count = {0};
        CircuitBuilder shifted = new CircuitBuilder((scope, role, honest) ->
                role.equals("u") && count[0]++ == 0 ? Fr.ONE : honest); // u_0 also hot
        Lookup.lookup(shifted, shifted.privateInput("x", 5), table, 128);
        assertRejected(shifted.build());
    }

    @Test
    void rowsOfZerosCostNothing() {
        long[] relu = new long[256];
        for (int i = 128; i < 256; i++) {
            relu[i] = i - 128;
        }
        CircuitBuilder b = new CircuitBuilder();
        Signal y = Lookup.lookup(b, b.privateInput("x", -7), relu, 128);
        assertEquals(16 + 16 + 3 + 8, b.numConstraints());
        assertEquals(0, y.longValue());
        assertSatisfied(b.build());
    }

    @Test
    void anIndexOutsideTheTableIsRefusedAsTheExecutorDoes() {
        CircuitBuilder b = new CircuitBuilder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Lookup.lookup(b, b.privateInput("x", 128), new long[256], 128));
        assertTrue(e.getMessage().contains("[-128, 127]"), e.getMessage());
    }
}
