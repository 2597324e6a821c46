/**
 * The CUDA kernel backend for the algebra module's {@link io.zkinfer.algebra.spi.KernelBackend} SPI: BN254 G1
 * multi-scalar multiplication by Pippenger's bucket method with signed digits (N. Pippenger, "On the
 * evaluation of powers and related problems", FOCS 1976) and the radix-2 Cooley–Tukey NTT over Fr,
 * in {@code libzkinfer_cuda.so} (sources under {@code src/main/cuda}). JNI is confined to the package-private
 * {@code CudaKernels}; {@link io.zkinfer.kernels.cuda.CudaKernelBackend} checks arguments and converts
 * layouts; the library and device probe live in {@code CudaLibrary}.
 */
package io.zkinfer.kernels.cuda;
