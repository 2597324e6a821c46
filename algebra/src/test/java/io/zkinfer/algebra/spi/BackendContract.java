package io.zkinfer.algebra.spi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkinfer.algebra.testing.TestRandom;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the kernel contracts ({@link MsmContract}, {@link NttContract}, {@link QapContract}) share: the backends
 * under test, by default every discovered backend with the contract's capability (a native module overrides
 * {@link #backends()} to target its own), a printed seed, and skipping an unavailable backend with its reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContract {
    private final Capability capability;
    private long seed;

    protected BackendContract(Capability capability) {
        this.capability = capability;
    }

    /** The backends to check (unavailable ones are skipped with their reason). */
    protected List<KernelBackend> backends() {
        return KernelBackends.all().stream().filter(b -> b.capabilities().contains(capability))
                .collect(Collectors.toList());
    }

    @BeforeAll
    void printSeed() {
        seed = TestRandom.seed(getClass().getSimpleName());
    }

    /** This run's seed (printed, and replayable with {@code -Dzkinfer.seed=N}). */
    protected long seed() {
        return seed;
    }

    /** Skips the calling test, saying why, when {@code backend} cannot run here. */
    protected static void assumeAvailable(KernelBackend backend) {
        assumeTrue(backend.isAvailable(), () -> "skipping backend '" + backend.name() + "': "
                + backend.unavailableReason());
    }
}
