package io.zkinfer.prover;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads a proving key in either format zkinfer accepts, recognised by its first bytes: a zkinfer
 * {@code proving.key} (magic {@code "ZKIPKEY\0"}, {@link ProvingKeyFile}) or a snarkjs {@code .zkey}
 * (binfile magic {@code "zkey"}, {@link ZkeyFile}).
 */
public final class ProvingKeys {

    private static final byte[] ZKEY_MAGIC = "zkey".getBytes(StandardCharsets.US_ASCII);

    private ProvingKeys() {
    }

    /**
     * Reads the key at {@code path} in whichever format its magic bytes announce.
     *
     * @throws IOException naming the file and the magic found when it is neither format, or when the key
     *                     itself is malformed
     */
    public static ProvingKey read(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(ProvingKeyFile.MAGIC.length);
        }
        if (startsWith(head, ProvingKeyFile.MAGIC)) {
            return ProvingKeyFile.read(path);
        }
        if (startsWith(head, ZKEY_MAGIC)) {
            return ZkeyFile.read(path);
        }
        throw new IOException(path + ": neither a zkinfer proving.key nor a snarkjs .zkey: magic is '" + printable(head)
                + "', expected 'ZKIPKEY\\0' (zkinfer proving.key, from 'zkinfer groth16 setup') or 'zkey' (snarkjs"
                + " .zkey, from 'snarkjs groth16 setup')");
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.toString();
    }
}
