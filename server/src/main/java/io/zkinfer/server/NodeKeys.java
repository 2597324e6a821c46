package io.zkinfer.server;

import io.zkinfer.server.billing.ReceiptSigner;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The node's Ed25519 receipt-signing key, kept in {@code receipt-signing.key} of the data directory (32 bytes,
 * readable by the owner only) so that receipts signed before a restart are signed by the same key after it. Made
 * from {@link SecureRandom} on first start.
 */
final class NodeKeys {

    static final String FILE = "receipt-signing.key";

    private NodeKeys() {
    }

    static ReceiptSigner receiptSigner(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            ReceiptSigner fresh = ReceiptSigner.generate(new SecureRandom());
            Path tmp = Files.createTempFile(dataDir, "receipt-signing", ".tmp");
            try {
                restrict(tmp);
                Files.write(tmp, fresh.privateKey());
                Files.move(tmp, file);
                return fresh;
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(tmp);
            }
        }
        byte[] seed = Files.readAllBytes(file);
        if (seed.length != 32) {
            throw new IOException(file + " holds " + seed.length + " bytes, not a 32-byte Ed25519 key; restore it"
                    + " from a backup (deleting it makes a new key, and receipts signed before stop verifying"
                    + " against this node's key)");
        }
        return ReceiptSigner.fromPrivateKey(seed);
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
    }
}
