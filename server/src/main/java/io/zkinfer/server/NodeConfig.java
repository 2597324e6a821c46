package io.zkinfer.server;

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
 * @param inProcessName  when not null, serve in-process under this name instead of on a port (tests, the demo)
 * @param maxModelBytes  the largest model file Deploy accepts
 * @param cacheBytes     the hot-model cache's memory budget
 * @param maxProofQueue  proof jobs that may wait; more are refused
 * @param holdTimeout    how long a proven call's charge is held waiting for its proof
 * @param maxConstraints the largest circuit a deploy may compile
 */
public record NodeConfig(Path dataDir, String jdbcUrl, String host, int port, String inProcessName,
        long maxModelBytes, long cacheBytes, int maxProofQueue, Duration holdTimeout, long maxConstraints) {

    public static final int DEFAULT_PORT = 50051;

    public NodeConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        if (maxModelBytes < 1 || cacheBytes < 1 || maxProofQueue < 1 || maxConstraints < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The embedded defaults under {@code dataDir}. */
    public static NodeConfig defaults(Path dataDir) {
        return new NodeConfig(dataDir, null, "127.0.0.1", DEFAULT_PORT, null, 256L << 20, 2L << 30, 64,
                Duration.ofMinutes(10), 1L << 24);
    }

    /** The database URL: the configured one, or the SQLite file in the data directory. */
    public String databaseUrl() {
        return jdbcUrl != null ? jdbcUrl : "jdbc:sqlite:" + dataDir.resolve("zkinfer.db");
    }

    public NodeConfig withJdbcUrl(String url) {
        return new NodeConfig(dataDir, url, host, port, inProcessName, maxModelBytes, cacheBytes, maxProofQueue,
                holdTimeout, maxConstraints);
    }

    public NodeConfig withPort(String newHost, int newPort) {
        return new NodeConfig(dataDir, jdbcUrl, newHost, newPort, inProcessName, maxModelBytes, cacheBytes,
                maxProofQueue, holdTimeout, maxConstraints);
    }

    public NodeConfig inProcess(String name) {
        return new NodeConfig(dataDir, jdbcUrl, host, port, name, maxModelBytes, cacheBytes, maxProofQueue,
                holdTimeout, maxConstraints);
    }
}
