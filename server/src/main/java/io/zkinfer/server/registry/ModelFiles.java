package io.zkinfer.server.registry;

import io.zkinfer.prover.model.ModelDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The node's files under its data directory: uploaded model files stored by content
 * ({@code blobs/sha256/<hex>}, so one file uploaded twice is stored once and a stored file can be checked against
 * its name), and the compiled model directory of each version ({@code versions/<model id>/<version>/}).
 * A file is written under a temporary name and moved into place, so a crash never leaves half a blob.
 */
public final class ModelFiles {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public ModelFiles(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("blobs/sha256"));
        Files.createDirectories(root.resolve("versions"));
        Files.createDirectories(root.resolve("incoming"));
    }

    /** A fresh temporary file for an upload in progress, on the same file system as the blobs. */
    public Path newIncoming() throws IOException {
        return Files.createTempFile(root.resolve("incoming"), "upload-", ".part");
    }

    /** Moves {@code file} (whose SHA-256 is {@code sha256}) into the store; a blob already there is kept. */
    public Path storeBlob(Path file, String sha256) throws IOException {
        Path target = blob(sha256);
        if (Files.exists(target)) {
            Files.deleteIfExists(file);
            return target;
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** The stored file with digest {@code sha256}. */
    public Path blob(String sha256) {
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("'" + sha256 + "' is not a lowercase hex SHA-256");
        }
        return root.resolve("blobs/sha256").resolve(sha256);
    }

    /** The compiled model directory of {@code modelId} version {@code version} (created when built). */
    public ModelDirectory versionDirectory(String modelId, long version) {
        return ModelDirectory.at(root.resolve("versions").resolve(modelId).resolve(Long.toString(version)));
    }

    /** Lowercase hex SHA-256 of {@code file}'s bytes. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = newSha256();
        try (InputStream in = Files.newInputStream(file);
             OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
