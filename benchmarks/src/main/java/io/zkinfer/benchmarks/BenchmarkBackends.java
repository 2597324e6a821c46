package io.zkinfer.benchmarks;

import io.zkinfer.algebra.spi.Capability;
import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.KernelBackends;

/**
 * The kernel backend a benchmark measures, chosen by its {@code backend} parameter and never silently replaced by
 * another: an unknown or unavailable backend, or one lacking the kernel, fails the benchmark's setup with the reason
 * (JMH prints it and goes on to the next parameters).
 */
final class BenchmarkBackends {
  private BenchmarkBackends() {
  }

  static KernelBackend named(String name, Capability capability) {
    KernelBackend backend = KernelBackends.select(KernelBackends.all(), name, capability);
    if (!backend.name().equalsIgnoreCase(name)) {
      throw new IllegalStateException("kernel backend '" + name + "' has no " + capability + " kernel to measure");
    }
    return backend;
  }
}
