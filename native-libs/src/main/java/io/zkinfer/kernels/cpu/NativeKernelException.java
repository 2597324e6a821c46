package io.zkinfer.kernels.cpu;

/**
 * A native kernel failed for a reason other than its input: native memory ran out or a kernel thread
 * could not be started. The algebra module's fallback wrapper reruns the call on the Java backend.
 */
public final class NativeKernelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Thrown from C with the kernel's message. */
    public NativeKernelException(String message) {
        super(message);
    }
}
