package io.zkinfer.kernels.cuda;

import io.zkinfer.algebra.spi.KernelBackend;
import java.util.List;

/** The CUDA backend for the shared contract tests, with its skip reason printed once per test class. */
final class CudaBackends {
    private CudaBackends() {
    }

    static final CudaKernelBackend CUDA = (CudaKernelBackend) new CudaKernelBackendProvider().backend();

    static List<KernelBackend> only() {
        return List.of(CUDA);
    }

    /** Prints whether the tests of {@code testClass} run on a device or skip, and why. */
    static void announce(Class<?> testClass) {
        if (CUDA.isAvailable()) {
            System.out.println(testClass.getSimpleName() + ": running on " + CUDA.device());
        } else {
            System.out.println(testClass.getSimpleName() + ": SKIPPED, the CUDA backend is unavailable: "
                    + CUDA.unavailableReason());
        }
    }
}
