/**
 * The native kernel backends of the {@code KernelBackend} SPI: C on the CPU ({@code io.zkinfer.kernels.cpu}) and
 * CUDA ({@code io.zkinfer.kernels.cuda}), and what they share, {@link io.zkinfer.kernels.PackagedLibrary}: the
 * checked extraction of a library packaged in the jar.
 */
package io.zkinfer.kernels;
