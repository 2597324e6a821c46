package io.zkinfer.server.registry;

import io.zkinfer.server.grpc.ServiceException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A model file being received in chunks: written to a temporary file of the store while its SHA-256 and size are
 * computed, refused as soon as it passes the size limit, and checked against the size and digest its header
 * declared. {@link #discard} removes the partial file; after {@link #finish} the file belongs to the registry.
 */
public final class Upload implements AutoCloseable {

    private final Path file;
    private final OutputStream out;
    private final MessageDigest sha256 = ModelFiles.newSha256();
    private final long maxBytes;
    private long size;
    private boolean open = true;

    private Upload(Path file, long maxBytes) throws IOException {
        this.file = file;
        this.out = Files.newOutputStream(file);
        this.maxBytes = maxBytes;
    }

    /** Starts an upload into a fresh temporary file of {@code files}, refused beyond {@code maxBytes}. */
    public static Upload start(ModelFiles files, long maxBytes) throws IOException {
        return new Upload(files.newIncoming(), maxBytes);
    }

    /** Appends one chunk. */
    public void write(byte[] chunk) throws IOException {
        if (size + chunk.length > maxBytes) {
            throw ServiceException.exhausted("the model file is larger than this node's limit of " + maxBytes
                    + " bytes; raise --max-model-bytes or upload a smaller model");
        }
        out.write(chunk);
        sha256.update(chunk);
        size += chunk.length;
    }

    /**
     * Ends the upload: checks the declared size and digest (0 and "" declare nothing) and returns the file, its
     * lowercase hex SHA-256 and size.
     */
    public Received finish(long declaredSize, String declaredSha256) throws IOException {
        close();
        if (size == 0) {
            throw ServiceException.invalid("the upload carried no model bytes; send the file in chunk messages"
                    + " after the header");
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        if (declaredSize > 0 && declaredSize != size) {
            throw ServiceException.invalid("the header declares " + declaredSize + " bytes but " + size
                    + " arrived; resend the whole file");
        }
        if (!declaredSha256.isEmpty() && !declaredSha256.equalsIgnoreCase(digest)) {
            throw ServiceException.invalid("the header declares SHA-256 " + declaredSha256 + " but the bytes that "
                    + "arrived hash to " + digest + "; resend the whole file");
        }
        return new Received(file, digest, size);
    }

    /** Removes the temporary file (an upload that failed or was cancelled). */
    public void discard() {
        try {
            close();
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temporary file is harmless; the incoming directory is cleared at start
        }
    }

    @Override
    public void close() throws IOException {
        if (open) {
            open = false;
            out.close();
        }
    }

    /** A complete upload: the file, its lowercase hex SHA-256 and its size in bytes. */
    public record Received(Path file, String sha256, long size) {
    }
}
