package io.zkinfer.server.billing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Random;

/** Seeded randomness for this module's randomised tests: {@code -Dzkinfer.seed} when set, else the clock; always logged. */
public final class TestSeed {

    private static final Logger LOG = LoggerFactory.getLogger(TestSeed.class);

    private TestSeed() {
    }

    /** A {@link Random} for {@code testName}, its seed logged for replay. */
    public static Random random(String testName) {
        return new Random(seed(testName));
    }

    /** The seed for {@code testName}, logged for replay. */
    public static long seed(String testName) {
        String property = System.getProperty("zkinfer.seed");
        long seed = property != null && !property.isBlank() ? Long.parseLong(property.trim()) : System.nanoTime();
        LOG.info("{} uses seed {} (replay with -Dzkinfer.seed={})", testName, seed, seed);
        return seed;
    }
}
