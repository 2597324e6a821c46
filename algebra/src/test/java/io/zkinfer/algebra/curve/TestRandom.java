package io.zkinfer.algebra.curve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Random;

/**
 * Seeded randomness for randomised tests: the seed comes from {@code -Dzkinfer.seed} when set, otherwise from the
 * clock, and is always logged so that a failure can be replayed.
 */
public final class TestRandom {

    private static final Logger LOG = LoggerFactory.getLogger(TestRandom.class);

    private TestRandom() {
    }

    /** A {@link Random} for {@code testClass}, with its seed logged. */
    public static Random forTest(Class<?> testClass) {
        String property = System.getProperty("zkinfer.seed");
        long seed = property != null && !property.isBlank() ? Long.parseLong(property.trim()) : System.nanoTime();
        LOG.info("{} uses seed {} (replay with -Dzkinfer.seed={})", testClass.getSimpleName(), seed, seed);
        return new Random(seed);
    }
}
