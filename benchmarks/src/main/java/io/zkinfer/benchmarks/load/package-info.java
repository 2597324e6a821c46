/**
 * A load generator for the node's gRPC {@code Infer}: closed-loop clients (each sends its next call when its last
 * one answers) at several concurrency levels over a real TCP connection, every latency kept in an HdrHistogram, and
 * proven calls timed end to end. A plain {@code main} ({@link io.zkinfer.benchmarks.load.InferLoad}), not JMH: JMH
 * times a method in a loop, while a service under load needs many concurrent callers, a warm-up per level and the
 * whole latency distribution. {@code benchmarks/load/infer-load.sh} runs it.
 */
package io.zkinfer.benchmarks.load;
