/**
 * The kernel-backend SPI: the prover's heavy kernels (MSM on G1 and G2, the NTT over Fr and the QAP quotient
 * step built on it) behind {@link io.zkinfer.algebra.spi.KernelBackend}, discovered with {@link java.util.ServiceLoader}
 * through {@link io.zkinfer.algebra.spi.KernelBackendProvider}, ranked, and chosen by capability in
 * {@link io.zkinfer.algebra.spi.KernelBackends} (override: {@code -Dzkinfer.backend=<name>}).
 *
 * <p>{@link io.zkinfer.algebra.spi.JavaKernelBackend} (rank 0) is always present. Native CPU and CUDA
 * backends live in their own artefacts: each ships a provider listed in
 * {@code META-INF/services/io.zkinfer.algebra.spi.KernelBackendProvider}, reports
 * {@code isAvailable() == false} with a reason when its library or device is missing, and passes the
 * shared {@code MsmContract} / {@code NttContract} tests from this module's test-jar. Array layouts
 * (canonical 4-limb scalars, Montgomery 4-limb field elements) are chosen so a backend can hand the
 * arrays to native code whole. The design follows DJL's {@code EngineProvider} (rank and
 * capabilities) and gnark's accelerated backends (same keys and proofs whichever backend runs).
 */
package io.zkinfer.algebra.spi;
