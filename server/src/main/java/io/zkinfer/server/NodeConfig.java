package io.zkinfer.server;

import io.zkinfer.server.access.RateLimit;
import io.zkinfer.server.access.TlsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a node runs. {@link #defaults(Path)} gives the embedded set-up: a SQLite file and model store under the data
 * directory, gRPC on port 50051 of the loopback interface.
 *
 * @param dataDir        the node's directory: database file, model store, signing key
 * @param jdbcUrl        {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}; null for the SQLite file in
 *                       {@code dataDir}
 * @param host           the interface gRPC listens on
 * @param port           the gRPC port; 0 picks a free one
 * @param metricsPort    the Prometheus endpoint's port ({@code /metrics} on {@code host}); 0 picks a free one, -1
 *                       exports none
 * @param inProcessName  when not null, serve in-process under this name instead of on a port (tests, the demo)
 * @param maxModelBytes  the largest model file Deploy accepts
 * @param cacheBytes     the hot-model cache's memory budget
 * @param maxProofQueue  proof jobs that may wait; more are refused
 * @param holdTimeout    how long a proven call's charge is held waiting for its proof
 * @param proofLease     how long a node's claim on a proof job lasts unless renewed (it renews while proving); a
 *                       job of a node that died is taken again after it
 * @param maxConstraints the largest circuit a deploy may compile
 * @param keyRateLimit   calls per API key, over all models, and per key and model unless the model sets its own
 * @param tls            the server's certificate and key, or plaintext
 */
public record NodeConfig(Path dataDir, String jdbcUrl, String host, int port, int metricsPort, String inProcessName,
        long maxModelBytes, long cacheBytes, int maxProofQueue, Duration holdTimeout, Duration proofLease,
        long maxConstraints, RateLimit keyRateLimit, TlsSettings tls) {

    public static final int DEFAULT_PORT = 50051;
    public static final int DEFAULT_METRICS_PORT = 9464;
    /** 3000 calls a second per API key. */
    public static final long DEFAULT_CALLS_PER_MINUTE_PER_KEY = 180_000;

    public NodeConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(holdTimeout, "holdTimeout");
        Objects.requireNonNull(proofLease, "proofLease");
        Objects.requireNonNull(keyRateLimit, "keyRateLimit");
        Objects.requireNonNull(tls, "tls");
        if (maxModelBytes < 1 || cacheBytes < 1 || maxProofQueue < 1 || maxConstraints < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /**
     * The embedded defaults under {@code dataDir}: SQLite there, 127.0.0.1:50051 and metrics on 9464, models up to
     * 256 MiB, a 2 GiB model cache, 64 waiting proof jobs, holds of 10 minutes, proof leases of 30 s, circuits up to
     * 2^24 constraints, 180,000 calls a minute per key, no TLS.
     */
    public static NodeConfig defaults(Path dataDir) {
        return new NodeConfig(dataDir, null, "127.0.0.1", DEFAULT_PORT, DEFAULT_METRICS_PORT, null, 256L << 20,
                2L << 30, 64, Duration.ofMinutes(10), Duration.ofSeconds(30), 1L << 24,
                RateLimit.perMinute(DEFAULT_CALLS_PER_MINUTE_PER_KEY), TlsSettings.plaintext());
    }

    /** The database URL: the configured one, or the SQLite file in the data directory. */
    public String databaseUrl() {
        return jdbcUrl != null ? jdbcUrl : "jdbc:sqlite:" + dataDir.resolve("zkinfer.db");
    }

    public NodeConfig withJdbcUrl(String url) {
        return new NodeConfig(dataDir, url, host, port, metricsPort, inProcessName, maxModelBytes, cacheBytes,
                maxProofQueue, holdTimeout, proofLease, maxConstraints, keyRateLimit, tls);
    }

    public NodeConfig withPorts(String newHost, int newPort, int newMetricsPort) {
        return new NodeConfig(dataDir, jdbcUrl, newHost, newPort, newMetricsPort, inProcessName, maxModelBytes,
                cacheBytes, maxProofQueue, holdTimeout, proofLease, maxConstraints, keyRateLimit, tls);
    }

    /** Serving in-process under {@code name}, with no ports (the metrics stay readable through the node). */
    public NodeConfig inProcess(String name) {
        return new NodeConfig(dataDir, jdbcUrl, host, port, -1, name, maxModelBytes, cacheBytes, maxProofQueue,
                holdTimeout, proofLease, maxConstraints, keyRateLimit, tls);
    }

    public NodeConfig withLimits(long newMaxModelBytes, long newCacheBytes, int newMaxProofQueue) {
        return new NodeConfig(dataDir, jdbcUrl, host, port, metricsPort, inProcessName, newMaxModelBytes,
                newCacheBytes, newMaxProofQueue, holdTimeout, proofLease, maxConstraints, keyRateLimit, tls);
    }

    public NodeConfig withProofLease(Duration lease) {
        return new NodeConfig(dataDir, jdbcUrl, host, port, metricsPort, inProcessName, maxModelBytes, cacheBytes,
                maxProofQueue, holdTimeout, lease, maxConstraints, keyRateLimit, tls);
    }

    public NodeConfig withKeyRateLimit(RateLimit limit) {
        return new NodeConfig(dataDir, jdbcUrl, host, port, metricsPort, inProcessName, maxModelBytes, cacheBytes,
                maxProofQueue, holdTimeout, proofLease, maxConstraints, limit, tls);
    }

    public NodeConfig withTls(TlsSettings settings) {
        return new NodeConfig(dataDir, jdbcUrl, host, port, metricsPort, inProcessName, maxModelBytes, cacheBytes,
                maxProofQueue, holdTimeout, proofLease, maxConstraints, keyRateLimit, settings);
    }
}
