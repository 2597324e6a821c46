package io.zkinfer.algebra.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Random;

/**
 * Seeded randomness for randomised tests, the one place every test takes its seed from: {@code -Dzkinfer.seed}
 * when set, otherwise the clock. The seed is always logged, so that a failure can be replayed exactly.
 */
public final class TestRandom {

    /** The system property that replays a run. */
    public static final String SEED_PROPERTY = "zkinfer.seed";

    private static final Logger LOG = LoggerFactory.getLogger(TestRandom.class);

    private TestRandom() {
    }

    /** The seed for {@code testName} ({@code -Dzkinfer.seed} if set, else {@link System#nanoTime()}), logged. */
    public static long seed(String testName) {
        String property = System.getProperty(SEED_PROPERTY);
        long seed = property != null && !property.isBlank() ? Long.parseLong(property.trim()) : System.nanoTime();
        LOG.info("{} uses seed {} (replay with -D{}={})", testName, seed, SEED_PROPERTY, seed);
        return seed;
    }

    /** A {@link Random} for {@code testClass}, with its seed logged. */
    public static Random forTest(Class<?> testClass) {
        return new Random(seed(testClass.getSimpleName()));
    }
}
