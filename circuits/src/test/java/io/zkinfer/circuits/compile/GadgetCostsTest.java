package io.zkinfer.circuits.compile;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;
import io.zkinfer.circuits.gadgets.Division;
import io.zkinfer.circuits.gadgets.Interval;
import io.zkinfer.circuits.gadgets.Lookup;
import io.zkinfer.circuits.gadgets.Maximum;
import io.zkinfer.circuits.gadgets.PoseidonTreeHash;
import io.zkinfer.circuits.gadgets.Rescale;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each rule of {@link GadgetCosts} equals the constraints its gadget makes, over random parameters: Rescale with and
 * without binding bounds, division by a constant and by a prepared divisor, maxima, ReLU, lookups in tables with
 * zero rows and of sizes that are not powers of two, and Poseidon trees across level boundaries.
 */
class GadgetCostsTest {

    private static final Random RANDOM = new Random(seed());

    private static long seed() {
        long seed = TestRandom.seed(GadgetCostsTest.class.getSimpleName());
        System.out.println("GadgetCostsTest seed " + seed);
        return seed;
    }

    /** The constraints {@code gadget} makes on one private input x of value 0 in a fresh builder. */
    private static long cost(Consumer<Signal> gadget, CircuitBuilder b, Signal x) {
        int before = b.numConstraints();
        gadget.accept(x);
        return b.numConstraints() - before;
    }

    private static long cost(long value, java.util.function.BiConsumer<CircuitBuilder, Signal> gadget) {
        CircuitBuilder b = new CircuitBuilder();
        Signal x = b.privateInput("x", value);
        return cost(s -> gadget.accept(b, s), b, x);
    }

    @Test
    void rescaleAndDivisionByConstants() {
        for (int i = 0; i < 400; i++) {
            long lo = -(1L << RANDOM.nextInt(20));
            Interval x = Interval.of(lo, lo + RANDOM.nextInt(1 << 22));
            long mul = 1L << RANDOM.nextInt(4);
            long div = RANDOM.nextBoolean() ? 1L << RANDOM.nextInt(12) : 1 + RANDOM.nextInt(5000);
            long clampLo = RANDOM.nextInt(3) == 0 ? Long.MIN_VALUE : RANDOM.nextBoolean() ? -128 : RANDOM.nextInt(3);
            long clampHi = RANDOM.nextInt(3) == 0 ? Long.MAX_VALUE : RANDOM.nextBoolean() ? 127 : 100 + RANDOM.nextInt(50);
            long v = x.min().longValueExact();
            long expected = GadgetCosts.rescale(x, mul, div, clampLo, clampHi);
            assertEquals(expected, cost(v, (b, s) -> Rescale.rescale(b, s, x, mul, div, clampLo, clampHi)),
                    "Rescale of " + x + " by " + mul + "/" + div + " to [" + clampLo + ", " + clampHi + "]");
            assertEquals(GadgetCosts.roundDivByConstant(x, div), cost(v, (b, s) -> Division.roundDiv(b, s, x, div)),
                    "roundDiv of " + x + " by " + div);
        }
    }

    @Test
    void divisionByADivisorMaximaAndRelu() {
        for (int i = 0; i < 100; i++) {
            int w = 1 + RANDOM.nextInt(30);
            int shift = RANDOM.nextInt(16);
            Interval a = Interval.of(-RANDOM.nextInt(1 << 15), RANDOM.nextInt(1 << 15));
            CircuitBuilder b = new CircuitBuilder();
            Signal d = b.privateInput("d", 1);
            Signal x = b.privateInput("x", 0);
            Division.Divisor[] divisor = new Division.Divisor[1];
            assertEquals(GadgetCosts.divisor(w), cost(s -> divisor[0] = Division.divisor(b, s, w), b, d));
            assertEquals(GadgetCosts.roundDivByDivisor(a, shift, w),
                    cost(s -> Division.roundDiv(b, s, a, shift, divisor[0]), b, x), "roundDiv of " + a);
            int k = 2 + RANDOM.nextInt(20);
            int m = 1 + RANDOM.nextInt(9);
            CircuitBuilder c = new CircuitBuilder();
            List<Signal> xs = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                xs.add(c.privateInput("x" + j, 0));
            }
            assertEquals(GadgetCosts.maxOf(m, k), cost(s -> Maximum.maxOf(c, xs, k), c, xs.get(0)));
            assertEquals(GadgetCosts.relu(k), cost(0, (bb, s) -> Maximum.relu(bb, s, k)));
        }
    }

    @Test
    void lookupsInTablesOfEverySizeAndWithZeroRows() {
        for (int size = 1; size <= 300; size += 1 + size / 8) {
            long[] table = new long[size];
            for (int j = 0; j < size; j++) {
                table[j] = RANDOM.nextInt(4) == 0 ? 0 : RANDOM.nextInt(1000) - 500;
            }
            if (size > 40) {
                java.util.Arrays.fill(table, 0, size / 2, 0); // whole rows of zeros
            }
            assertEquals(GadgetCosts.lookup(table), cost(0, (b, s) -> Lookup.lookup(b, s, table, 0)),
                    "a lookup in " + size + " entries");
        }
    }

    @Test
    void poseidonTreesAcrossLevels() {
        for (int leaves : new int[] {1, 2, 15, 16, 17, 255, 256, 257, 300}) {
            CircuitBuilder b = new CircuitBuilder();
            List<Signal> xs = new ArrayList<>();
            for (int j = 0; j < leaves; j++) {
                xs.add(b.privateInput("x" + j, j));
            }
            assertEquals(GadgetCosts.poseidonTree(leaves), cost(s -> PoseidonTreeHash.commit(b, xs), b, xs.get(0)),
                    leaves + " leaves");
        }
    }
}
