package io.zkinfer.server.diagnose;

import io.zkinfer.server.observe.NodeMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recent windows of each model's metrics, cut out of {@link NodeMetrics}' counters, which only grow from the node's
 * start: a window is the reading now minus the reading kept from its start ({@link ReadingHistory}).
 *
 * <p>Readings are taken lazily, whenever the DiagnosticsService is asked about a model (its health or its
 * performance), so this owns no thread and needs no closing. Precision: a window counts from the newest reading
 * taken at or before its start, or from the node's start. It is exact when nothing happened to the model between
 * that reading and the start (an idle model is exact at any length); otherwise it reaches back beyond the asked
 * start by the gap between readings: under a minute while the model is asked about at least once a minute (as a
 * health probe does), at most 15 minutes beyond the last hour, and at most back to the node's start for a model not
 * asked about before. The report says the span it actually covers; before the node has run for the asked length,
 * that is the node's uptime.
 */
public final class PerformanceWindows {

    /** The longest window answered. */
    public static final Duration LONGEST = Duration.ofHours(24);

    private final NodeMetrics metrics;
    private final Clock clock;
    private final Instant nodeStart;
    private final ConcurrentHashMap<String, ReadingHistory> histories = new ConcurrentHashMap<>();

    /**
     * @param metrics the node's metrics, counting from {@code clock}'s present instant (the node's start)
     * @param clock   the node's clock
     */
    public PerformanceWindows(NodeMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
        this.nodeStart = clock.instant();
    }

    /** What happened to a model over a window, and the span the window actually covers. */
    public record Window(Duration covered, ModelReading delta) {
    }

    /** The last {@code length} (1 ns to {@link #LONGEST}) of {@code model}, keeping a reading taken now. */
    public Window last(String model, Duration length) {
        if (length.isNegative() || length.isZero() || length.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("a window of " + length + " is out of range; give more than 0 and at"
                    + " most " + LONGEST);
        }
        ReadingHistory.Cut cut = history(model).cut(clock::instant, () -> ModelReading.of(metrics, model), length);
        return new Window(Duration.between(cut.from(), cut.to()), cut.delta());
    }

    /** Takes and keeps a reading of {@code model} now, so that later windows start closer to where they are asked. */
    public void observe(String model) {
        history(model).cut(clock::instant, () -> ModelReading.of(metrics, model), Duration.ofNanos(1));
    }

    private ReadingHistory history(String model) {
        return histories.computeIfAbsent(model, m -> new ReadingHistory(nodeStart, LONGEST));
    }
}
