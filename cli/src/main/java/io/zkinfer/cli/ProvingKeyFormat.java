package io.zkinfer.cli;

import io.zkinfer.prover.ProvingKey;
import io.zkinfer.prover.ProvingKeyFile;
import io.zkinfer.prover.ZkeyFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Tells a snarkjs {@code .zkey} (iden3 binfile, magic {@code "zkey"}) from a zkinfer
 * {@code proving.key} (magic {@code "ZKIPKEY\0"}, see {@link ProvingKeyFile}) by their first bytes.
 */
enum ProvingKeyFormat {
  SNARKJS_ZKEY("zkey"),
  ZKINFER_PROVING_KEY("ZKIPKEY\0");

  private final byte[] magic;

  ProvingKeyFormat(String magic) {
    this.magic = magic.getBytes(StandardCharsets.US_ASCII);
  }

  /** Reads {@code key} in whichever format its magic bytes announce. */
  static ProvingKey read(Path key) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(key)) {
      head = in.readNBytes(8);
    }
    for (ProvingKeyFormat f : values()) {
      if (head.length >= f.magic.length && Arrays.equals(head, 0, f.magic.length, f.magic, 0, f.magic.length)) {
        return f == SNARKJS_ZKEY ? ZkeyFile.read(key) : ProvingKeyFile.read(key);
      }
    }
    throw new UnusableInputException(key + ": neither a zkinfer proving.key nor a snarkjs .zkey (unknown magic bytes);"
        + " pass the key written by 'zkinfer groth16 setup' or 'snarkjs groth16 setup'");
  }
}
