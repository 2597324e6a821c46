package io.zkinfer.kernels.cuda;

import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.KernelBackendProvider;

/**
 * Registers {@link CudaKernelBackend} with {@link java.util.ServiceLoader}. Creating it loads nothing; the
 * library is loaded and the device probed the first time the backend is asked whether it is available.
 */
public final class CudaKernelBackendProvider implements KernelBackendProvider {
    private static final CudaKernelBackend BACKEND = new CudaKernelBackend();

    @Override
    public KernelBackend backend() {
        return BACKEND;
    }
}
