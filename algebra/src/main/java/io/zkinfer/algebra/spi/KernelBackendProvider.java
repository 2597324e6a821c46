package io.zkinfer.algebra.spi;

/**
 * {@link java.util.ServiceLoader} entry point for a {@link KernelBackend}: list the implementing class
 * in {@code META-INF/services/io.zkinfer.algebra.spi.KernelBackendProvider}. Providers must have a
 * public no-argument constructor and do no heavy work in it; loading native libraries or probing
 * devices belongs in {@link #backend()} (a failure there should yield a backend whose
 * {@link KernelBackend#isAvailable()} is false, with the reason, rather than an exception).
 */
public interface KernelBackendProvider {
    /** The backend this provider offers (the same instance on every call). */
    KernelBackend backend();
}
