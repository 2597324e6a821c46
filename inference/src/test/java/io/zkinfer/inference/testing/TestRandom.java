package io.zkinfer.inference.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Random;

/**
 * Seeded randomness for this module's randomised tests: {@code -Dzkinfer.seed} when set, otherwise the clock; the
 * seed is always logged so a failure can be replayed. (The same contract as the algebra tests' TestRandom;
 * inference depends on no other zkinfer module, so it keeps its own copy.)
 */
public final class TestRandom {

    public static final String SEED_PROPERTY = "zkinfer.seed";

    private static final Logger LOG = LoggerFactory.getLogger(TestRandom.class);

    private TestRandom() {
    }

    /** The seed for {@code testName}, logged. */
    public static long seed(String testName) {
        String property = System.getProperty(SEED_PROPERTY);
        long seed = property != null && !property.isBlank() ? Long.parseLong(property.trim()) : System.nanoTime();
        LOG.info("{} uses seed {} (replay with -D{}={})", testName, seed, SEED_PROPERTY, seed);
        return seed;
    }
}
