package io.zkinfer.algebra.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.poly.Ntt;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KernelBackendsTest {
    /** A backend that only reports its metadata. */
    private static final class FakeBackend implements KernelBackend {
        private final String name;
        private final int rank;
        private final String unavailable;
        private final Set<Capability> caps;
        private final java.util.function.Supplier<RuntimeException> failure;

        FakeBackend(String name, int rank, String unavailable, Set<Capability> caps) {
            this(name, rank, unavailable, caps, () -> new UnsupportedOperationException("fake backend '" + name + "'"));
        }

        FakeBackend(String name, int rank, String unavailable, Set<Capability> caps,
                    java.util.function.Supplier<RuntimeException> failure) {
            this.name = name;
            this.rank = rank;
            this.unavailable = unavailable;
            this.caps = caps;
            this.failure = failure;
        }

        @Override public String name() { return name; }
        @Override public int rank() { return rank; }
        @Override public Set<Capability> capabilities() { return caps; }
        @Override public boolean isAvailable() { return unavailable == null; }
        @Override public String unavailableReason() { return unavailable == null ? "" : unavailable; }
        @Override public G1Point msmG1(G1Affine[] bases, long[] scalars) { throw failure.get(); }
        @Override public G2Point msmG2(G2Affine[] bases, long[] scalars) { throw failure.get(); }
        @Override public void ntt(long[] values, boolean inverse) { throw failure.get(); }
        @Override public void cosetNtt(long[] values, Fr shift, boolean inverse) { throw failure.get(); }
    }

    private static final KernelBackend JAVA = new JavaKernelBackend();
    private static final KernelBackend CPU = new FakeBackend("native", 10, null, EnumSet.allOf(Capability.class));
    private static final KernelBackend GPU = new FakeBackend("cuda", 20, "no CUDA device found", EnumSet.allOf(Capability.class));
    private static final KernelBackend MSM_ONLY = new FakeBackend("msm-only", 15, null, EnumSet.of(Capability.MSM_G1));

    @Test
    void serviceLoaderFindsTheJavaBackend() {
        List<KernelBackend> all = KernelBackends.all();
        assertTrue(all.stream().anyMatch(b -> b.name().equals("java") && b.isAvailable() && b.rank() == 0), all.toString());
        assertTrue(KernelBackends.best().isAvailable());
    }

    @Test
    void highestRankedAvailableBackendWins() {
        assertSame(CPU, KernelBackends.select(List.of(JAVA, CPU, GPU), null, null), "cuda is unavailable");
        assertSame(JAVA, KernelBackends.select(List.of(JAVA), "", null));
    }

    @Test
    void capabilityDecidesAmongAvailableBackends() {
        List<KernelBackend> candidates = List.of(JAVA, MSM_ONLY);
        assertSame(MSM_ONLY, KernelBackends.select(candidates, null, Capability.MSM_G1));
        assertSame(JAVA, KernelBackends.select(candidates, null, Capability.NTT));
        assertSame(JAVA, KernelBackends.select(candidates, null, null), "for all kernels, prefer a complete backend");
        assertSame(JAVA, KernelBackends.select(candidates, "msm-only", Capability.NTT), "override lacks NTT: fall back");
    }

    @Test
    void overrideByNameIsHonoured() {
        assertSame(JAVA, KernelBackends.select(List.of(JAVA, CPU), "java", null));
        assertSame(JAVA, KernelBackends.select(List.of(JAVA, CPU), " JAVA ", Capability.NTT));
    }

    @Test
    void unknownOverrideNamesTheAvailableBackends() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KernelBackends.select(List.of(JAVA, CPU, GPU), "metal", null));
        assertTrue(e.getMessage().contains("'metal'") && e.getMessage().contains("native (rank 10)")
                && e.getMessage().contains("java (rank 0)"), e.getMessage());
    }

    @Test
    void unavailableOverrideSaysWhy() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KernelBackends.select(List.of(JAVA, GPU), "cuda", Capability.MSM_G1));
        assertTrue(e.getMessage().contains("no CUDA device found") && e.getMessage().contains("java (rank 0)"), e.getMessage());
    }

    @Test
    void systemPropertySelectsAndRejects() {
        String old = System.getProperty(KernelBackends.BACKEND_PROPERTY);
        try {
            System.setProperty(KernelBackends.BACKEND_PROPERTY, "java");
            assertEquals("java", KernelBackends.best().name());
            assertEquals("java", KernelBackends.best(Capability.MSM_G2).name());
            System.setProperty(KernelBackends.BACKEND_PROPERTY, "no-such-backend");
            IllegalStateException e = assertThrows(IllegalStateException.class, KernelBackends::best);
            assertTrue(e.getMessage().contains("no-such-backend") && e.getMessage().contains("java"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(KernelBackends.BACKEND_PROPERTY);
            } else {
                System.setProperty(KernelBackends.BACKEND_PROPERTY, old);
            }
        }
    }

    @Test
    void runtimeFailuresFallBackToJavaButInputErrorsDoNot() {
        KernelBackend wrapped = KernelBackends.withJavaFallback(CPU); // every kernel of CPU throws
        assertEquals("native", wrapped.name());
        G1Affine[] g = {G1Affine.GENERATOR};
        long[] two = {2, 0, 0, 0};
        assertEquals(G1Point.GENERATOR.dbl(), wrapped.msmG1(g, two));
        assertEquals(G2Point.GENERATOR.dbl(), wrapped.msmG2(new G2Affine[] {G2Affine.GENERATOR}, two));
        long[] v = Ntt.toLimbs(new Fr[] {Fr.ONE, Fr.ZERO});
        wrapped.ntt(v, false);
        assertArrayEquals(Ntt.toLimbs(new Fr[] {Fr.ONE, Fr.ONE}), v);

        KernelBackend strict = new FakeBackend("strict", 5, null, EnumSet.allOf(Capability.class),
                () -> new IllegalArgumentException("scalar 0 is not reduced"));
        assertThrows(IllegalArgumentException.class, () -> KernelBackends.withJavaFallback(strict).msmG1(g, two));
        assertSame(JAVA, KernelBackends.withJavaFallback(JAVA));
    }

    @Test
    void kernelsTheBackendLacksRunOnJava() {
        KernelBackend wrapped = KernelBackends.withJavaFallback(MSM_ONLY);
        long[] v = Ntt.toLimbs(new Fr[] {Fr.ONE, Fr.ZERO});
        wrapped.cosetNtt(v, Fr.of(3), false);
        assertArrayEquals(Ntt.toLimbs(new Fr[] {Fr.ONE, Fr.ONE}), v);
        assertTrue(wrapped.capabilities().contains(Capability.NTT));
    }
}
