package io.zkinfer.kernels.cpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.KernelBackendProvider;
import java.util.ServiceLoader;

/** The native backend as the ServiceLoader finds it, shared by the tests; skips a test when it is unavailable. */
final class NativeBackends {
    private NativeBackends() {
    }

    /** The registered native backend (available or not). */
    static NativeKernelBackend registered() {
        for (KernelBackendProvider p : ServiceLoader.load(KernelBackendProvider.class)) {
            KernelBackend b = p.backend();
            if (b instanceof NativeKernelBackend) {
                return (NativeKernelBackend) b;
            }
        }
        throw new AssertionError("NativeKernelBackendProvider is not listed in META-INF/services");
    }

    /** The native backend, or a skipped test (with the reason printed) when its library is unavailable. */
    static NativeKernelBackend requireAvailable() {
        NativeKernelBackend b = registered();
        if (!b.isAvailable()) {
            System.out.println("skipping: native kernel backend unavailable: " + b.unavailableReason());
        }
        assumeTrue(b.isAvailable(), () -> "native kernel backend unavailable: " + b.unavailableReason());
        return b;
    }
}
