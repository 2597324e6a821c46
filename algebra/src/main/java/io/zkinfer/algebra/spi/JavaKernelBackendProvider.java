package io.zkinfer.algebra.spi;

/** Registers {@link JavaKernelBackend} with {@link java.util.ServiceLoader}. */
public final class JavaKernelBackendProvider implements KernelBackendProvider {
    private static final JavaKernelBackend BACKEND = new JavaKernelBackend();

    @Override
    public KernelBackend backend() {
        return BACKEND;
    }
}
