package io.zkinfer.kernels.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code libzkinfer_cuda.so} once per JVM and probes for a device: from {@value #LIBRARY_PROPERTY} when
 * set, else from the class path resource {@value #RESOURCE}, whose SHA-256 must equal the packaged
 * {@code .sha256}, extracted into a fresh owner-only temporary directory. Never throws: {@link #state()} says
 * whether kernels can run or why not (disabled, not built, checksum mismatch, the linker's error, the
 * driver's or {@code cudaGetDeviceCount}'s message). To be merged with the CPU backend's loader.
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
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return unavailable("the CUDA kernels are built for linux-x86_64 only, not " + os + "-" + arch);
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

    /** The packaged library in a fresh temporary directory, checked against its SHA-256; null if not packaged. */
    private static Path extract() throws IOException {
        byte[] library;
        String expected;
        try (InputStream in = CudaLibrary.class.getResourceAsStream(RESOURCE);
             InputStream sum = CudaLibrary.class.getResourceAsStream(RESOURCE + ".sha256")) {
            if (in == null) {
                return null;
            }
            if (sum == null) {
                throw new IllegalStateException(RESOURCE + " is packaged without its .sha256; rebuild zkinfer-native");
            }
            library = in.readAllBytes();
            expected = new String(sum.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+")[0];
        }
        String actual = sha256(library);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new IllegalStateException("checksum mismatch for " + RESOURCE + ": SHA-256 " + actual
                    + ", the packaged .sha256 says " + expected + "; the jar is corrupt or was modified");
        }
        Path dir = Files.createTempDirectory("zkinfer-cuda",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = dir.resolve(LIBRARY_FILE);
        Files.write(file, library);
        file.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return file;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
