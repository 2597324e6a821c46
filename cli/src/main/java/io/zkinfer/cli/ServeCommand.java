package io.zkinfer.cli;

import io.zkinfer.server.NodeConfig;
import io.zkinfer.server.ZkinferNode;
import io.zkinfer.server.access.RateLimit;
import io.zkinfer.server.access.TlsSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zkinfer serve}: runs a node until stopped (Ctrl-C or SIGTERM drain it). Embedded defaults: data, SQLite
 * database and model store under {@code ~/.zkinfer/node}, gRPC on {@code 127.0.0.1:50051}, Prometheus metrics on
 * port 9464. Flags, or a properties file given with {@code --config} (flags win), change them. On first start it
 * issues the operator's API key into {@code DATA_DIR/operator.key}.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {"Run a zkinfer node: the gRPC API (models, inference, proofs, verification, billing,",
        "diagnostics), standard health and reflection, and Prometheus metrics at /metrics.",
        "A --config file holds the same settings as properties: data-dir, host, port, metrics-port,",
        "database, tls-cert, tls-key, max-model-mb, cache-mb, proof-queue, calls-per-minute-per-key."})
final class ServeCommand implements Callable<Integer> {

  static final Set<String> CONFIG_KEYS = Set.of("data-dir", "host", "port", "metrics-port", "database", "tls-cert",
      "tls-key", "max-model-mb", "cache-mb", "proof-queue", "calls-per-minute-per-key");

  @Option(names = "--config", paramLabel = "FILE", description = "A properties file of settings (see above)")
  Path config;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "The node's directory (default: ~/.zkinfer/node)")
  Path dataDir;

  @Option(names = "--host", paramLabel = "ADDR", description = "Interface to listen on (default: 127.0.0.1)")
  String host;

  @Option(names = "--port", paramLabel = "N", description = "gRPC port; 0 picks a free one (default: 50051)")
  Integer port;

  @Option(names = "--metrics-port", paramLabel = "N",
      description = "Prometheus /metrics port; 0 picks a free one, -1 turns it off (default: 9464)")
  Integer metricsPort;

  @Option(names = "--database", paramLabel = "URL",
      description = "jdbc:postgresql://HOST/DB?user=..&password=.. to share one database between nodes"
          + " (default: a SQLite file in the data directory)")
  String database;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate chain; serve TLS (with --tls-key)")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "PKCS#8 private key of --tls-cert")
  Path tlsKey;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Properties file = readConfig();
    Path dir = dataDir != null ? dataDir : Path.of(file.getProperty("data-dir",
        Path.of(System.getProperty("user.home"), ".zkinfer", "node").toString()));
    NodeConfig c = NodeConfig.defaults(dir);
    c = c.withPorts(host != null ? host : file.getProperty("host", c.host()),
        port != null ? port : intSetting(file, "port", c.port()),
        metricsPort != null ? metricsPort : intSetting(file, "metrics-port", c.metricsPort()));
    String db = database != null ? database : file.getProperty("database");
    if (db != null) {
      c = c.withJdbcUrl(db);
    }
    Path cert = tlsCert != null ? tlsCert : pathSetting(file, "tls-cert");
    Path key = tlsKey != null ? tlsKey : pathSetting(file, "tls-key");
    if ((cert == null) != (key == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "TLS needs both --tls-cert and --tls-key");
    }
    if (cert != null) {
      c = c.withTls(TlsSettings.of(cert, key));
    }
    c = c.withLimits(longSetting(file, "max-model-mb", c.maxModelBytes() >> 20) << 20,
        longSetting(file, "cache-mb", c.cacheBytes() >> 20) << 20, intSetting(file, "proof-queue", c.maxProofQueue()));
    c = c.withKeyRateLimit(RateLimit.perMinute(longSetting(file, "calls-per-minute-per-key",
        NodeConfig.DEFAULT_CALLS_PER_MINUTE_PER_KEY)));

    ZkinferNode node = ZkinferNode.start(c);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        stopped.countDown();
      }
    }, "zkinfer-serve-stop"));
    Path operatorKey = OperatorKey.ensure(node, dir);
    PrintWriter out = spec.commandLine().getOut();
    out.println("zkinfer node listening on " + c.host() + ":" + node.port() + (c.tls().enabled() ? " (TLS)" : "")
        + (node.metricsPort() < 0 ? "" : "; metrics at http://" + c.host() + ":" + node.metricsPort() + "/metrics"));
    out.println("data in " + dir.toAbsolutePath() + " (database: " + (c.jdbcUrl() == null ? "SQLite file"
        : "configured") + "); operator API key in " + operatorKey);
    out.println("stop with Ctrl-C");
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  private Properties readConfig() throws IOException {
    Properties p = new Properties();
    if (config != null) {
      try (Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      for (String name : p.stringPropertyNames()) {
        if (!CONFIG_KEYS.contains(name)) {
          throw new UnusableInputException(config + ": unknown setting '" + name + "'; the settings are "
              + new java.util.TreeSet<>(CONFIG_KEYS));
        }
      }
    }
    return p;
  }

  private int intSetting(Properties p, String name, int fallback) {
    return Math.toIntExact(longSetting(p, name, fallback));
  }

  private long longSetting(Properties p, String name, long fallback) {
    String v = p.getProperty(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new UnusableInputException(config + ": " + name + " is '" + v + "'; give a whole number");
    }
  }

  private static Path pathSetting(Properties p, String name) {
    String v = p.getProperty(name);
    return v == null ? null : Path.of(v.strip());
  }
}
