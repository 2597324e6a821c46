/**
 * Observability of a zkinfer node: {@link io.zkinfer.server.observe.NodeMetrics}, every metric the node exports,
 * served by {@link io.zkinfer.server.observe.MetricsServer} in the Prometheus text exposition format (and
 * OpenMetrics); {@link io.zkinfer.server.observe.RequestLogInterceptor}, a request id, metrics and one key=value
 * log line per gRPC call; and {@link io.zkinfer.server.observe.NodeHealth}, the gRPC health checking protocol
 * ({@code grpc.health.v1}, grpc/grpc doc/health-checking.md). Percentiles come from classic histogram buckets by
 * linear interpolation, as Prometheus' {@code histogram_quantile} computes them. Nothing here ever carries an API
 * key, a model input or an output.
 */
package io.zkinfer.server.observe;
