package io.zkinfer.kernels.cpu;

import io.zkinfer.kernels.PackagedLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code libzkinfer_native.so} once per JVM: from {@value #LIBRARY_PROPERTY} when set, else from the
 * class path resource {@value #RESOURCE_DIR}{@code <os-arch>/libzkinfer_native.so}, whose SHA-256 must equal
 * the packaged {@code .sha256}, extracted into a fresh owner-only temporary directory. A failure is never
 * thrown: {@link #load()} returns a {@link Result} naming the cause (disabled, unsupported platform,
 * missing resource, checksum mismatch, the linker's error), which the backend reports as its
 * unavailable reason.
 */
public final class NativeLibraryLoader {
    /** {@code -Dzkinfer.native.library=/path/libzkinfer_native.so} loads that file instead of the packaged one. */
    public static final String LIBRARY_PROPERTY = "zkinfer.native.library";
    /** {@code -Dzkinfer.native.disable=true} makes the native backend unavailable (the Java one takes over). */
    public static final String DISABLE_PROPERTY = "zkinfer.native.disable";
    static final String RESOURCE_DIR = "/io/zkinfer/kernels/cpu/";
    static final String LIBRARY_FILE = "libzkinfer_native.so";

    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraryLoader.class);
    private static Result loaded;

    /** The outcome of a load: {@code available}, or the reason it is not. */
    public record Result(boolean available, String detail) {
        static Result ok(String detail) {
            return new Result(true, detail);
        }

        static Result failed(String reason) {
            return new Result(false, reason);
        }
    }

    private final String libraryOverride;
    private final boolean disabled;

    /** A loader configured by the system properties {@value #LIBRARY_PROPERTY} and {@value #DISABLE_PROPERTY}. */
    public static NativeLibraryLoader fromSystemProperties() {
        return new NativeLibraryLoader(System.getProperty(LIBRARY_PROPERTY), Boolean.getBoolean(DISABLE_PROPERTY));
    }

    /**
     * @param libraryOverride a library file to load instead of the packaged one, or null
     * @param disabled        report the backend as unavailable without loading anything
     */
    public NativeLibraryLoader(String libraryOverride, boolean disabled) {
        this.libraryOverride = libraryOverride == null || libraryOverride.isBlank() ? null : libraryOverride.trim();
        this.disabled = disabled;
    }

    /** Loads the library (at most once per JVM) or says why it cannot; never throws. */
    public Result load() {
        if (disabled) {
            Result r = Result.failed("disabled by -D" + DISABLE_PROPERTY + "=true");
            LOG.info("native CPU kernels unavailable: {}", r.detail());
            return r;
        }
        if (libraryOverride != null && !Files.isRegularFile(Path.of(libraryOverride))) {
            Result r = Result.failed("native library " + libraryOverride + " (from -D" + LIBRARY_PROPERTY + ") does not exist");
            LOG.info("native CPU kernels unavailable: {}", r.detail());
            return r;
        }
        synchronized (NativeLibraryLoader.class) {
            if (loaded != null && loaded.available()) {
                return loaded;
            }
            Result r;
            try {
                r = libraryOverride != null ? loadFile(Path.of(libraryOverride), "-D" + LIBRARY_PROPERTY) : loadPackaged();
            } catch (IOException | RuntimeException | LinkageError e) {
                r = Result.failed(e.toString());
            }
            if (r.available()) {
                loaded = r;
                LOG.info("native CPU kernels loaded: {}", r.detail());
            } else {
                LOG.info("native CPU kernels unavailable: {}", r.detail());
            }
            return r;
        }
    }

    private static Result loadPackaged() throws IOException {
        String platform = PackagedLibrary.platform();
        if (platform == null) {
            return Result.failed("unsupported platform " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + ": the native CPU kernels are built for linux-x86_64 only");
        }
        String resource = RESOURCE_DIR + platform + "/" + LIBRARY_FILE;
        PackagedLibrary.Extracted library;
        try {
            library = PackagedLibrary.extract(NativeLibraryLoader.class, resource, "zkinfer-native-");
        } catch (IllegalStateException e) {
            return Result.failed(e.getMessage());
        }
        if (library == null) {
            return Result.failed("resource " + resource + " is not on the class path"
                    + " (zkinfer-native was built without cmake or a C compiler?)");
        }
        return loadFile(library.file(), resource + " (sha256 " + library.sha256().substring(0, 12) + "…)");
    }

    private static Result loadFile(Path file, String origin) {
        if (!Files.isRegularFile(file)) {
            return Result.failed("native library " + file + " (from " + origin + ") does not exist");
        }
        try {
            System.load(file.toAbsolutePath().toString());
            return Result.ok(origin + ", " + NativeKernels.isa() + " arithmetic");
        } catch (UnsatisfiedLinkError e) {
            return Result.failed("cannot link " + file + " (from " + origin + "): " + e.getMessage());
        }
    }
}
