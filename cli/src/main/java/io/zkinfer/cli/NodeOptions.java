package io.zkinfer.cli;

import io.zkinfer.api.ZkinferClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where the client commands ({@code deploy}, {@code infer}, {@code balance}, remote {@code verify}) find a node and
 * which API key they call with: {@code --server} (or {@code ZKINFER_SERVER}, default {@code localhost:50051}) and
 * {@code --api-key-file} (or {@code ZKINFER_API_KEY}). The key is read from a file or the environment, never from
 * the command line, where other users of the machine could see it.
 */
final class NodeOptions {

  static final String DEFAULT_SERVER = "localhost:50051";

  @Option(names = "--server", paramLabel = "HOST:PORT",
      description = "The node to call (default: $ZKINFER_SERVER, else " + DEFAULT_SERVER + ")")
  String server;

  @Option(names = "--api-key-file", paramLabel = "FILE",
      description = "A file holding the API key (default: $ZKINFER_API_KEY; 'zkinfer serve' writes the"
          + " operator's key to DATA_DIR/operator.key)")
  Path apiKeyFile;

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE) CommandLine.Model.CommandSpec spec;

  /** A client of the chosen node, calling with the chosen key. */
  ZkinferClient connect() throws IOException {
    String target = server != null ? server : System.getenv().getOrDefault("ZKINFER_SERVER", DEFAULT_SERVER);
    return ZkinferClient.forTarget(target, apiKey());
  }

  private String apiKey() throws IOException {
    if (apiKeyFile != null) {
      String key = Files.readString(apiKeyFile, StandardCharsets.UTF_8).strip();
      if (key.isEmpty()) {
        throw new UnusableInputException(apiKeyFile + " is empty; it should hold one API key");
      }
      return key;
    }
    String env = System.getenv("ZKINFER_API_KEY");
    if (env == null || env.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no API key: give --api-key-file FILE or set"
          + " ZKINFER_API_KEY");
    }
    return env.strip();
  }
}
