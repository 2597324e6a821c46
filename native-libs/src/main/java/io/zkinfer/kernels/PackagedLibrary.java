package io.zkinfer.kernels;

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

/**
 * A native library packaged in the jar as a class-path resource beside its SHA-256 ({@code <resource>.sha256}, as
 * {@code sha256sum} writes it): checked, then copied into a fresh owner-only temporary directory for
 * {@link System#load}. Both kernel backends (C and CUDA) load their libraries through it.
 */
public final class PackagedLibrary {

    /** The extracted file and the SHA-256 it was checked against (lower-case hex). */
    public record Extracted(Path file, String sha256) {
    }

    private PackagedLibrary() {
    }

    /** "linux-x86_64" on 64-bit x86 Linux, the one platform the libraries are built for; else null. */
    public static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return "linux-x86_64";
        }
        return null;
    }

    /**
     * Extracts {@code resource} (found through {@code anchor}'s class loader) after checking it against its
     * packaged SHA-256. The directory and file are readable by the owner only and deleted when the JVM exits.
     *
     * @param tempPrefix the temporary directory's name prefix
     * @return the extracted file, or null when {@code resource} is not packaged at all
     * @throws IllegalStateException when the {@code .sha256} is missing or does not match the library (a damaged or
     *     replaced jar): the message names the resource and both digests
     */
    public static Extracted extract(Class<?> anchor, String resource, String tempPrefix) throws IOException {
        byte[] library;
        String expected;
        try (InputStream in = anchor.getResourceAsStream(resource);
             InputStream sum = anchor.getResourceAsStream(resource + ".sha256")) {
            if (in == null) {
                return null;
            }
            if (sum == null) {
                throw new IllegalStateException(resource + " is packaged without its .sha256, so it cannot be checked;"
                        + " rebuild zkinfer-native");
            }
            library = in.readAllBytes();
            expected = new String(sum.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+")[0];
        }
        String actual = sha256(library);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new IllegalStateException("checksum mismatch for " + resource + ": SHA-256 " + actual
                    + ", but its .sha256 says " + expected + " (a damaged or replaced jar)");
        }
        Path dir = Files.createTempDirectory(tempPrefix, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, library);
        file.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return new Extracted(file, actual);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
