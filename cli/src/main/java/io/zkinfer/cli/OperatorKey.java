package io.zkinfer.cli;

import io.zkinfer.server.ZkinferNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The operator's API key of a node started by {@code zkinfer serve} or the demo: issued on first start for the
 * account {@value #ACCOUNT} and written to {@code DATA_DIR/operator.key}, readable by the owner only. The node keeps
 * only its hash, so this file is the one copy; a later start leaves it alone.
 */
final class OperatorKey {

  static final String ACCOUNT = "operator";
  static final String FILE = "operator.key";

  private OperatorKey() {
  }

  /** The operator's key of {@code node}, issuing it first when needed. */
  static String read(ZkinferNode node, Path dataDir) throws IOException {
    return Files.readString(ensure(node, dataDir), StandardCharsets.UTF_8).strip();
  }

  /** The key file of {@code node}, issuing the key when the node has no operator key yet. */
  static Path ensure(ZkinferNode node, Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (!node.apiKeys().list(ACCOUNT).isEmpty() && Files.exists(file)) {
      return file;
    }
    String key = node.apiKeys().issue(ACCOUNT, true, "issued at first start").plaintext();
    Path tmp = Files.createTempFile(dataDir, "operator", ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // the data directory's own permissions protect it
    }
    Files.writeString(tmp, key + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return file;
  }
}
