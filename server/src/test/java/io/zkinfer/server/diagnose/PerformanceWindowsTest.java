package io.zkinfer.server.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.server.observe.InferencePath;
import io.zkinfer.server.observe.NodeMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Windows cut out of cumulative metrics on a clock the test moves: exact when a reading held at the window's start,
 * wider by no more than the stated gap otherwise, bounded back to the node's start, and a day of busy minutes kept
 * in a bounded number of readings.
 */
class PerformanceWindowsTest {

    private static final String MODEL = "mdl_test";
    private final NodeMetrics metrics = new NodeMetrics();
    private final MovingClock clock = new MovingClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final PerformanceWindows windows = new PerformanceWindows(metrics, clock);

    @Test
    void aWindowCountsOnlyWhatHappenedInIt() {
        calls(3, 2_000_000);
        clock.advance(Duration.ofMinutes(1));
        PerformanceWindows.Window first = windows.last(MODEL, Duration.ofMinutes(15));
        assertEquals(3, first.delta().unproven().count());
        assertEquals(Duration.ofMinutes(1), first.covered(), "the node has run for a minute only");

        clock.advance(Duration.ofMinutes(9));
        windows.observe(MODEL); // nothing new: the reading of minute 1 is known to hold until minute 10
        clock.advance(Duration.ofMinutes(11));
        calls(2, 40_000_000);
        PerformanceWindows.Window recent = windows.last(MODEL, Duration.ofMinutes(15));
        assertEquals(Duration.ofMinutes(15), recent.covered(), "a reading held at the start: exact");
        assertEquals(2, recent.delta().unproven().count());
        assertTrue(recent.delta().unproven().quantile(0.5) > 0.02, "only the slow calls are in the window");

        PerformanceWindows.Window day = windows.last(MODEL, Duration.ofHours(24));
        assertEquals(Duration.ofMinutes(21), day.covered(), "back to the node's start");
        assertEquals(5, day.delta().unproven().count());
    }

    @Test
    void withoutAReadingAtItsStartAWindowReachesBackToTheLastOneAndSaysSo() {
        clock.advance(Duration.ofMinutes(30));
        windows.observe(MODEL);
        clock.advance(Duration.ofMinutes(1));
        calls(4, 1_000_000);
        windows.observe(MODEL);
        clock.advance(Duration.ofMinutes(20));
        calls(1, 1_000_000);
        PerformanceWindows.Window w = windows.last(MODEL, Duration.ofMinutes(5));
        assertEquals(Duration.ofMinutes(20), w.covered(), "counted from the last reading, 20 minutes back");
        assertEquals(1, w.delta().unproven().count());
    }

    @Test
    void aBusyDayKeepsFewReadingsAndOldStartsStayWithinTheCoarseGap() {
        ReadingHistory history = new ReadingHistory(clock.instant(), PerformanceWindows.LONGEST);
        for (int minute = 1; minute <= 26 * 60; minute++) {
            clock.advance(Duration.ofMinutes(1));
            calls(1, 1_000_000);
            history.cut(clock::instant, () -> ModelReading.of(metrics, MODEL), Duration.ofMinutes(1));
        }
        assertTrue(history.size() <= 60 + 2 * 23 * 4 + 2, "kept " + history.size() + " readings");
        for (Duration asked : new Duration[] {Duration.ofMinutes(30), Duration.ofHours(3), Duration.ofHours(24)}) {
            ReadingHistory.Cut cut = history.cut(clock::instant, () -> ModelReading.of(metrics, MODEL), asked);
            Duration covered = Duration.between(cut.from(), cut.to());
            Duration gap = asked.compareTo(ReadingHistory.FINE_SPAN) <= 0 ? ReadingHistory.SPACING
                    : ReadingHistory.COARSE_GAP;
            assertTrue(covered.compareTo(asked) >= 0 && covered.compareTo(asked.plus(gap)) <= 0,
                    asked + " covered " + covered);
            assertEquals(covered.toMinutes(), cut.delta().unproven().count(), "one call a minute");
        }
    }

    @Test
    void windowsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> windows.last(MODEL, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> windows.last(MODEL, Duration.ofHours(24).plusNanos(1)));
    }

    private void calls(int count, long nanos) {
        for (int i = 0; i < count; i++) {
            metrics.recordInference(MODEL, InferencePath.INTEGER, false, nanos);
        }
    }

    /** A UTC clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a test clock stays in UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
