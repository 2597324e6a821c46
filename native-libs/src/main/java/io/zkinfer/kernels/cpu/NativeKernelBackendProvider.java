package io.zkinfer.kernels.cpu;

import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.KernelBackendProvider;

/**
 * The {@link java.util.ServiceLoader} entry for {@link NativeKernelBackend}. The library is loaded on the
 * first {@link #backend()} call, configured by the system properties of {@link NativeLibraryLoader}; a
 * failure leaves an unavailable backend with its reason, never an exception.
 */
public final class NativeKernelBackendProvider implements KernelBackendProvider {
    private static volatile NativeKernelBackend backend;

    @Override
    public KernelBackend backend() {
        NativeKernelBackend b = backend;
        if (b == null) {
            synchronized (NativeKernelBackendProvider.class) {
                b = backend;
                if (b == null) {
                    b = new NativeKernelBackend(NativeLibraryLoader.fromSystemProperties());
                    backend = b;
                }
            }
        }
        return b;
    }
}
