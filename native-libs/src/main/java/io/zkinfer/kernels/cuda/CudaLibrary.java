package io.zkinfer.kernels.cuda;

import io.zkinfer.kernels.PackagedLibrary;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code libzkinfer_cuda.so} once per JVM and probes for a device: from {@value #LIBRARY_PROPERTY} when
 * set, else from the class path resource {@value #RESOURCE}, whose SHA-256 must equal the packaged
 * {@code .sha256}, extracted into a fresh owner-only temporary directory. Never throws: {@link #state()} says
 * whether kernels can run or why not (disabled, not built, checksum mismatch, the linker's error, the
 * driver's or {@code cudaGetDeviceCount}'s message). Extraction and the checksum are {@link PackagedLibrary}'s.
 */
final class CudaLibrary {
    /** {@code -Dzkinfer.cuda.library=/path/libzkinfer_cuda.so} loads that file instead of the packaged one. */
    static final String LIBRARY_PROPERTY = "zkinfer.cuda.library";
    /** {@code -Dzkinfer.cuda.disable=true} makes the CUDA backend unavailable without loading anything. */
    static final String DISABLE_PROPERTY = "zkinfer.cuda.disable";
    static final String LIBRARY_FILE = "libzkinfer_cuda.so";
    static final String RESOURCE = "/io/zkinfer/kernels/cuda/linux-x86_64/" + LIBRARY_FILE;

    private static final Logger LOG = LoggerFactory.getLogger(CudaLibrary.class);
    private static State state;

    /** Whether the library is loaded with a device present ({@code device} names it), or why not. */
    record State(boolean available, String device, String reason) {
    }

    private CudaLibrary() {
    }

    /** Loads and probes on first use; later calls return the same answer. */
    static synchronized State state() {
        if (state == null) {
            state = loadAndProbe();
            if (state.available()) {
                LOG.info("CUDA kernels loaded; device: {}", state.device());
            } else {
                LOG.debug("CUDA kernels unavailable: {}", state.reason());
            }
        }
        return state;
    }

    private static State unavailable(String reason) {
        return new State(false, "", reason);
    }

    private static State loadAndProbe() {
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            return unavailable("disabled by -D" + DISABLE_PROPERTY + "=true");
        }
        if (PackagedLibrary.platform() == null) {
            return unavailable("the CUDA kernels are built for linux-x86_64 only, not " + System.getProperty("os.name")
                    + "/" + System.getProperty("os.arch"));
        }
        String override = System.getProperty(LIBRARY_PROPERTY);
        try {
            Path file = override != null && !override.isBlank() ? Path.of(override.trim()) : extract();
            if (file == null) {
                return unavailable("the CUDA library was not built: " + RESOURCE + " is not on the class path "
                        + "(nvcc or cmake was absent when zkinfer-native was built; build on a machine with the CUDA "
                        + "toolkit, or point -D" + LIBRARY_PROPERTY + " at a libzkinfer_cuda.so)");
            }
            System.load(file.toAbsolutePath().toString());
        } catch (UnsatisfiedLinkError e) {
            String hint = String.valueOf(e.getMessage()).contains("libcuda") ? " (is the NVIDIA driver installed?)" : "";
            return unavailable("loading " + LIBRARY_FILE + " failed: " + e.getMessage() + hint);
        } catch (IOException | SecurityException e) {
            return unavailable("could not extract " + LIBRARY_FILE + ": " + e);
        } catch (IllegalStateException e) {
            return unavailable(e.getMessage());
        }
        try {
            int count = CudaKernels.deviceCount();
            if (count <= 0) {
                return unavailable("no CUDA device: cudaGetDeviceCount reports " + count + " devices");
            }
            return new State(true, CudaKernels.deviceName(), "");
        } catch (CudaKernelException e) {
            String hint = e.getMessage().contains("cudaErrorInsufficientDriver")
                    ? " (the CUDA runtime says this also when no NVIDIA driver, libcuda.so.1, is installed at all)"
                    : "";
            return unavailable("no usable CUDA device: " + e.getMessage() + hint);
        } catch (UnsatisfiedLinkError e) {
            return unavailable(LIBRARY_FILE + " lacks its JNI entry points (a stale build?): " + e.getMessage());
        }
    }

    /** The packaged library, checked and extracted; null if it was not packaged. */
    private static Path extract() throws IOException {
        PackagedLibrary.Extracted library = PackagedLibrary.extract(CudaLibrary.class, RESOURCE, "zkinfer-cuda-");
        return library == null ? null : library.file();
    }
}
