package io.zkinfer.kernels.cuda;

/**
 * A CUDA kernel failed on the device or in the driver (out of device memory, a launch failure, a lost
 * device); the message carries the CUDA error's name and text. The kernel backend SPI's fallback runs the
 * same kernel on the Java backend when it sees one.
 */
public final class CudaKernelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Thrown from native code with the library's message. */
    public CudaKernelException(String message) {
        super(message);
    }
}
