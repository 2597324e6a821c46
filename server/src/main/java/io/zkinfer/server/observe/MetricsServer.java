package io.zkinfer.server.observe;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * An HTTP server answering Prometheus scrapes of a node's {@link NodeMetrics} at {@code /metrics} (text exposition
 * format 0.0.4, or OpenMetrics or protobuf when the scraper asks for it). It runs on the JDK's own HTTP server, on a
 * port apart from gRPC, so a scrape never waits behind calls.
 */
public final class MetricsServer implements AutoCloseable {

    /** The path metrics are served at. */
    public static final String PATH = "/metrics";

    private final HTTPServer server;

    private MetricsServer(HTTPServer server) {
        this.server = server;
    }

    /**
     * Starts serving {@code metrics} on {@code host} (e.g. {@code 0.0.0.0} for every interface, {@code 127.0.0.1} for
     * this machine only) and {@code port} (0 picks a free one; {@link #port()} tells which).
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static MetricsServer start(String host, int port, NodeMetrics metrics) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("metrics port " + port + " is outside 0..65535; 0 picks a free one");
        }
        try {
            return new MetricsServer(HTTPServer.builder().hostname(host).port(port).registry(metrics.registry())
                    .metricsHandlerPath(PATH).buildAndStart());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage()
                    + "; choose another port (0 picks a free one)", e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.getPort();
    }

    /** Stops serving. */
    @Override
    public void close() {
        server.close();
    }
}
