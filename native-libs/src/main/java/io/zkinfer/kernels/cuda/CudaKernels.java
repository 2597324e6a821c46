package io.zkinfer.kernels.cuda;

/**
 * The JNI methods of {@code libzkinfer_cuda.so}, and nothing else: whole arrays in and out, every CUDA or
 * argument error thrown as {@link CudaKernelException} with the library's message. Only
 * {@link CudaKernelBackend} and {@link CudaLibrary} call these, after the library is loaded and the
 * arguments are checked.
 */
final class CudaKernels {
    private CudaKernels() {
    }

    /** {@code cudaGetDeviceCount}; a driver or device error is thrown with its message. */
    static native int deviceCount();

    /** Device 0's name, compute capability and memory, e.g. "NVIDIA H100 (sm_90, 81079 MiB)". */
    static native String deviceName();

    /**
     * Σ sᵢ·Pᵢ on G1: {@code bases} 8 Montgomery limbs per finite point (x, y), {@code scalars} 4 canonical
     * limbs each (below r), {@code out} receives the Jacobian X, Y, Z (12 Montgomery limbs, Z = 0 for infinity).
     */
    static native void msmG1(long[] bases, long[] scalars, int n, long[] out);

    /**
     * Σ sᵢ·Pᵢ on G2: {@code bases} 16 Montgomery limbs per finite point (x.c0, x.c1, y.c0, y.c1), {@code scalars}
     * as for G1, {@code out} receives the Jacobian X, Y, Z in Fq2 (24 limbs, Z = 0 for infinity).
     */
    static native void msmG2(long[] bases, long[] scalars, int n, long[] out);

    /**
     * In-place NTT of 2^log2n Fr elements (4 Montgomery limbs each), inverse with n⁻¹ scaling; {@code cosetShift}
     * (4 Montgomery limbs, non-zero) or null. The array is unchanged when this throws.
     */
    static native void ntt(long[] values, int log2n, boolean inverse, long[] cosetShift);
}
