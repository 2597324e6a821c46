/**
 * The native CPU kernel backend: {@link io.zkinfer.kernels.cpu.NativeKernelBackend} runs the prover's MSMs
 * (Pippenger's bucket method, signed windows, XYZZ buckets; Bernstein and Lange's Explicit-Formulas
 * Database) and NTTs (radix-2 Cooley–Tukey) in C through JNI, and plugs into the algebra module's
 * {@link io.zkinfer.algebra.spi.KernelBackend} SPI via
 * {@link io.zkinfer.kernels.cpu.NativeKernelBackendProvider}. JNI is confined to the package-private
 * {@code NativeKernels}; {@link io.zkinfer.kernels.cpu.NativeLibraryLoader} verifies and loads the library,
 * and reports why when it cannot.
 */
package io.zkinfer.kernels.cpu;
