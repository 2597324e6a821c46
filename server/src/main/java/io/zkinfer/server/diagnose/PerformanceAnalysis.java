package io.zkinfer.server.diagnose;

import io.zkinfer.api.v1.AnalyzeInferencePerformanceRequest;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.PerformanceReport;
import io.zkinfer.server.grpc.ServiceException;
import io.zkinfer.server.observe.NodeMetrics;
import java.time.Duration;

/**
 * A model's recent performance over a window ({@link PerformanceWindows}): latency of unproven calls, proving time,
 * throughput, errors, cache hits and batch sizes in the window, and the proof queue now.
 *
 * <p>What the figures count, where the API leaves it open: the node's metrics are kept per model, not per version,
 * so every report covers all versions of the model and its {@code model} says version 0 whatever version was asked.
 * Throughput counts every inference call that ended in the window, successful (proven or not) or failed, divided by
 * the span covered. The proof queue is the node's one queue, shared by all models. The cache hit rate is 0 when the
 * window saw no lookup.
 */
public final class PerformanceAnalysis {

    /** The window when the request gives none. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

    private final PerformanceWindows windows;
    private final NodeMetrics metrics;

    public PerformanceAnalysis(PerformanceWindows windows, NodeMetrics metrics) {
        this.windows = windows;
        this.metrics = metrics;
    }

    /**
     * The window {@code request} asks for: its {@code window}, or {@link #DEFAULT_WINDOW} when unset;
     * INVALID_ARGUMENT for a malformed duration or one not in (0, {@link PerformanceWindows#LONGEST}].
     */
    public static Duration window(AnalyzeInferencePerformanceRequest request) {
        if (!request.hasWindow()) {
            return DEFAULT_WINDOW;
        }
        Duration window;
        try {
            window = DiagnosticsProtos.duration(request.getWindow());
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid("window: " + e.getMessage());
        }
        if (window.isNegative() || window.isZero() || window.compareTo(PerformanceWindows.LONGEST) > 0) {
            throw ServiceException.invalid("window is " + window.toSeconds() + " s" + (window.getNano() == 0 ? ""
                    : " " + window.getNano() + " ns") + "; give more than 0 and at most 24 h (unset: the last 15"
                    + " minutes)");
        }
        return window;
    }

    /** The report on {@code modelId} over the last {@code window} (checked by {@link PerformanceWindows#last}). */
    public PerformanceReport report(String modelId, Duration window) {
        PerformanceWindows.Window w = windows.last(modelId, window);
        ModelReading d = w.delta();
        long coveredMillis = Math.max(1, w.covered().toMillis());
        return PerformanceReport.newBuilder()
                .setModel(ModelRef.newBuilder().setModelId(modelId).setVersion(0))
                .setWindow(DiagnosticsProtos.duration(w.covered()))
                .setUnprovenLatency(DiagnosticsProtos.latency(d.unproven().toLatencySummary()))
                .setProvingTime(DiagnosticsProtos.latency(d.proving().toLatencySummary()))
                .setThroughputMillicallsPerSecond(Math.multiplyExact(d.calls(), 1_000_000L) / coveredMillis)
                .setErrors(d.failures())
                .setCacheHitBps(d.cache().hitRateBps())
                .setProofQueueDepth(metrics.proofQueueDepth())
                .setMeanBatchSizeCentis((int) Math.round(d.batchSizes().mean() * 100))
                .build();
    }
}
