package io.zkinfer.server.observe;

import io.grpc.Status;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.zkinfer.server.billing.Money;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Every metric a zkinfer node exports, in a registry of its own (never the process-wide default, so that tests and
 * several nodes in one JVM keep apart), with one small method per thing that happens. Names follow the Prometheus
 * conventions: a {@code zkinfer_} prefix, the unit in the name, {@code _total} on counters. Label values are model
 * ids, coin codes, gRPC method and status names and fixed enums, never keys, inputs or outputs.
 *
 * <p>Histograms are classic (fixed buckets, {@link BucketLayouts}) without exemplars, so an observation is a bucket
 * search and two atomic adds. The read methods ({@link #latency}, {@link #cacheStats}, ...) serve the diagnostics
 * service and are cumulative since the node started; subtract two {@link BucketCounts} readings for a window.
 */
public final class NodeMetrics {

    private static final double[] LATENCY = BucketLayouts.latencySeconds();
    private static final double[] PROVING = BucketLayouts.provingSeconds();
    private static final double[] BATCH = BucketLayouts.batchSizes();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram rpcDuration = histogram("zkinfer_rpc_duration_seconds", Unit.SECONDS, LATENCY,
            "Duration of gRPC calls from their start to their status", "service", "method", "code");
    private final Counter rpcRequests = counter("zkinfer_rpc_requests_total",
            "gRPC calls ended, by status code (any code but OK is an error)", "service", "method", "code");
    private final Histogram inferenceDuration = histogram("zkinfer_inference_duration_seconds", Unit.SECONDS, LATENCY,
            "Duration of successful inferences, excluding any proof job", "model", "path", "proven");
    private final Counter inferenceFailures = counter("zkinfer_inference_failures_total",
            "Inferences that failed, by the status code the caller got", "model", "code");
    private final Counter cacheHits = counter("zkinfer_model_cache_hits_total",
            "Model lookups that found the model loaded", "model");
    private final Counter cacheMisses = counter("zkinfer_model_cache_misses_total",
            "Model lookups that had to load the model", "model");
    private final Histogram proofDuration = histogram("zkinfer_proof_duration_seconds", Unit.SECONDS, PROVING,
            "Time of proof jobs that succeeded: witness, proof and verification", "model");
    private final Counter proofJobs = counter("zkinfer_proof_jobs_total",
            "Proof jobs ended, by outcome (succeeded, failed, expired)", "model", "outcome");
    private final Counter revenue = counter("zkinfer_revenue_minor_units_total",
            "Settled charges in minor units of the coin", "coin", "model");
    private final Histogram batchSize = histogram("zkinfer_batch_size", null, BATCH,
            "Requests per batch formed by dynamic batching", "model");
    private final ConcurrentHashMap<String, RpcSeries> rpcSeries = new ConcurrentHashMap<>();
    private volatile IntSupplier proofQueueDepth = () -> 0;

    /** A node's metrics, all registered in a new registry. */
    public NodeMetrics() {
        GaugeWithCallback.builder().name("zkinfer_proof_queue_depth").help("Proof jobs waiting for a worker")
                .callback(callback -> callback.call(proofQueueDepth())).register(registry);
    }

    /** The registry holding every metric of this node, for an exporter to scrape. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Records a gRPC call of {@code service}/{@code method} that ended with {@code code} after {@code nanos}. */
    public void recordRpc(String service, String method, Status.Code code, long nanos) {
        rpc(service + "/" + method).record(code, nanos);
    }

    /** The cached series of a method given by its full name ({@code package.Service/Method}). */
    RpcSeries rpc(String fullMethodName) {
        RpcSeries series = rpcSeries.get(fullMethodName);
        return series != null ? series
                : rpcSeries.computeIfAbsent(fullMethodName, name -> RpcSeries.of(rpcDuration, rpcRequests, name));
    }

    /** Latency percentiles of {@code service}/{@code method}, all status codes together, since the node started. */
    public LatencySummary latency(String service, String method) {
        return latencyBuckets(service, method).toLatencySummary();
    }

    /** The duration histogram of {@code service}/{@code method}, all status codes together. */
    public BucketCounts latencyBuckets(String service, String method) {
        return SnapshotReads.buckets(rpcDuration, LATENCY, "service", service, "method", method);
    }

    /** Calls of {@code service}/{@code method} that ended with {@code code}. */
    public long rpcCount(String service, String method, Status.Code code) {
        return (long) SnapshotReads.sum(rpcRequests, "service", service, "method", method, "code", code.name());
    }

    /** Calls of {@code service}/{@code method} that ended with any code but OK. */
    public long rpcErrors(String service, String method) {
        long all = (long) SnapshotReads.sum(rpcRequests, "service", service, "method", method);
        return all - rpcCount(service, method, Status.Code.OK);
    }

    /** Records a successful inference of {@code model} along {@code path} that took {@code nanos}. */
    public void recordInference(String model, InferencePath path, boolean proven, long nanos) {
        inferenceDuration.labelValues(label(model), path.label(), proven ? "true" : "false").observe(nanos / 1e9);
    }

    /** Records an inference of {@code model} that failed with {@code code}. */
    public void inferenceFailed(String model, Status.Code code) {
        inferenceFailures.labelValues(label(model), code.name()).inc();
    }

    /** Inference latency of {@code model}, proven or not, every path together. */
    public LatencySummary inferenceLatency(String model, boolean proven) {
        return inferenceBuckets(model, proven).toLatencySummary();
    }

    /** The inference duration histogram of {@code model}, proven or not, every path together. */
    public BucketCounts inferenceBuckets(String model, boolean proven) {
        return SnapshotReads.buckets(inferenceDuration, LATENCY, "model", model, "proven", proven ? "true" : "false");
    }

    /** Inferences of {@code model} that failed. */
    public long inferenceFailures(String model) {
        return (long) SnapshotReads.sum(inferenceFailures, "model", model);
    }

    /** Records a lookup that found {@code model} loaded. */
    public void cacheHit(String model) {
        cacheHits.labelValues(label(model)).inc();
    }

    /** Records a lookup that had to load {@code model}. */
    public void cacheMiss(String model) {
        cacheMisses.labelValues(label(model)).inc();
    }

    /** Cache lookups of {@code model}. */
    public CacheStats cacheStats(String model) {
        return new CacheStats((long) SnapshotReads.sum(cacheHits, "model", model),
                (long) SnapshotReads.sum(cacheMisses, "model", model));
    }

    /** Cache lookups of every model. */
    public CacheStats cacheStats() {
        return new CacheStats((long) SnapshotReads.sum(cacheHits), (long) SnapshotReads.sum(cacheMisses));
    }

    /** Makes the proof queue depth gauge read {@code depth} at each scrape (the queue's own size, say). */
    public void proofQueueDepth(IntSupplier depth) {
        this.proofQueueDepth = Objects.requireNonNull(depth, "depth");
    }

    /** Proof jobs waiting now, as the supplier given to {@link #proofQueueDepth(IntSupplier)} says; 0 before one is. */
    public int proofQueueDepth() {
        return proofQueueDepth.getAsInt();
    }

    /** Records a proof job of {@code model} that ended with {@code outcome} after {@code nanos} of proving. */
    public void recordProof(String model, ProofOutcome outcome, long nanos) {
        String m = label(model);
        proofJobs.labelValues(m, outcome.label()).inc();
        if (outcome == ProofOutcome.SUCCEEDED) {
            proofDuration.labelValues(m).observe(nanos / 1e9);
        }
    }

    /** Proving time of the proof jobs of {@code model} that succeeded. */
    public LatencySummary provingTime(String model) {
        return SnapshotReads.buckets(proofDuration, PROVING, "model", model).toLatencySummary();
    }

    /** The proving time histogram of {@code model}'s successful proof jobs, for windows ({@link BucketCounts#minus}). */
    public BucketCounts provingBuckets(String model) {
        return SnapshotReads.buckets(proofDuration, PROVING, "model", model);
    }

    /** Proof jobs of {@code model} that ended with {@code outcome}. */
    public long proofJobs(String model, ProofOutcome outcome) {
        return (long) SnapshotReads.sum(proofJobs, "model", model, "outcome", outcome.label());
    }

    /**
     * Records a settled charge for a call of {@code model}. Only settled money counts: a hold that is released never
     * reaches here, and a refund does not subtract (a counter only grows). Exact up to 2^53 minor units per series.
     */
    public void revenue(Money settled, String model) {
        if (settled.minor() < 0) {
            throw new IllegalArgumentException("revenue counts settled charges; " + settled.minor() + " minor units of "
                    + settled.coin().code() + " is negative");
        }
        revenue.labelValues(settled.coin().code(), label(model)).inc(settled.minor());
    }

    /** Settled revenue of {@code model} in minor units of the coin {@code coinCode}. */
    public long revenueMinorUnits(String coinCode, String model) {
        return (long) SnapshotReads.sum(revenue, "coin", coinCode, "model", model);
    }

    /** Records a batch of {@code size} requests to {@code model} formed by dynamic batching. */
    public void recordBatch(String model, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a batch holds at least one request, not " + size);
        }
        batchSize.labelValues(label(model)).observe(size);
    }

    /** Mean size of the batches formed for {@code model}; 0 before the first. */
    public double meanBatchSize(String model) {
        return SnapshotReads.buckets(batchSize, BATCH, "model", model).mean();
    }

    /** The batch size histogram of {@code model}, for windows ({@link BucketCounts#minus}). */
    public BucketCounts batchSizeBuckets(String model) {
        return SnapshotReads.buckets(batchSize, BATCH, "model", model);
    }

    private Histogram histogram(String name, Unit unit, double[] bounds, String help, String... labels) {
        Histogram.Builder builder = Histogram.builder().name(name).help(help).labelNames(labels)
                .classicOnly().classicUpperBounds(bounds);
        if (unit != null) {
            builder.unit(unit);
        }
        return (Histogram) builder.withoutExemplars().register(registry);
    }

    private Counter counter(String name, String help, String... labels) {
        return (Counter) Counter.builder().name(name).help(help).labelNames(labels).withoutExemplars()
                .register(registry);
    }

    private static String label(String model) {
        return Objects.requireNonNull(model, "model");
    }
}
