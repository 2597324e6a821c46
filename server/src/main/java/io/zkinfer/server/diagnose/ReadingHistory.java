package io.zkinfer.server.diagnose;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The readings kept for one model, oldest first, so that a window's start can be matched to a reading taken then.
 * It starts with the node's start, when every count was zero. A reading equal to the newest kept one only extends
 * the time that one is known to have held (counts only grow, so equal readings mean nothing happened in between);
 * a changed reading is kept when the newest kept one is at least {@link #SPACING} old. Readings more than
 * {@link #FINE_SPAN} old are thinned until no window start lies more than {@link #COARSE_GAP} after the reading it is
 * matched to, and readings older than needed for {@code keep} are dropped. So a model costs one entry while idle,
 * and at most about 60 + 2 × 23 × 4 entries while busy.
 */
final class ReadingHistory {

    /** The least time between two kept readings that differ. */
    static final Duration SPACING = Duration.ofMinutes(1);
    /** How far back readings keep their full (once a minute) resolution. */
    static final Duration FINE_SPAN = Duration.ofHours(1);
    /** The most a window may reach back beyond its start because readings older than {@link #FINE_SPAN} thinned. */
    static final Duration COARSE_GAP = Duration.ofMinutes(15);

    /** A reading and the span over which it is known to have held; a null reading is all zero. */
    private record Entry(Instant at, Instant heldUntil, ModelReading reading) {
    }

    /** Where a window starts: the reading it subtracts (null: zero) and the time from which it counts. */
    record Base(ModelReading reading, Instant from) {
    }

    /** A window cut out of the history: what happened between {@code from} and {@code to}. */
    record Cut(Instant from, Instant to, ModelReading delta) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Duration keep;

    /**
     * @param nodeStart when the node started counting (all counts zero then)
     * @param keep      the longest window that must stay answerable
     */
    ReadingHistory(Instant nodeStart, Duration keep) {
        this.keep = keep;
        entries.add(new Entry(nodeStart, nodeStart, null));
    }

    /**
     * Takes a reading at {@code now} (the two are taken together, under this history's lock, so concurrent calls
     * keep readings in time order), keeps it as the class comment says, and returns what happened since
     * {@code length} before {@code now} as seen from the kept readings.
     */
    synchronized Cut cut(Supplier<Instant> clock, Supplier<ModelReading> read, Duration length) {
        Instant now = clock.get();
        ModelReading current = read.get();
        Base base = baseAt(now.minus(length));
        record(now, current);
        return new Cut(base.from(), now, current.since(base.reading()));
    }

    /**
     * The base of a window starting at {@code start}: the newest reading taken at or before it, counted from
     * {@code start} when that reading is known to have held until then, else from the last time it was seen to hold.
     * A start before the oldest reading (before the node started) counts from the oldest reading.
     */
    synchronized Base baseAt(Instant start) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (!e.at().isAfter(start)) {
                return new Base(e.reading(), start.isAfter(e.heldUntil()) ? e.heldUntil() : start);
            }
        }
        Entry oldest = entries.get(0);
        return new Base(oldest.reading(), oldest.at());
    }

    /** Keeps {@code reading}, taken at {@code now}, as the class comment says. */
    synchronized void record(Instant now, ModelReading reading) {
        Entry newest = entries.get(entries.size() - 1);
        if (now.isBefore(newest.heldUntil())) {
            return;
        }
        if (reading.unchangedSince(newest.reading())) {
            entries.set(entries.size() - 1, new Entry(newest.at(), now, newest.reading()));
            return;
        }
        if (Duration.between(newest.at(), now).compareTo(SPACING) < 0) {
            return;
        }
        entries.add(new Entry(now, now, reading));
        dropOlderThan(now.minus(keep));
        thinOlderThan(now.minus(FINE_SPAN));
    }

    /** How many readings are kept (for tests and sizing). */
    synchronized int size() {
        return entries.size();
    }

    /** Drops readings no window can start from: all before the newest one taken at or before {@code cutoff}. */
    private void dropOlderThan(Instant cutoff) {
        while (entries.size() > 1 && !entries.get(1).at().isAfter(cutoff)) {
            entries.remove(0);
        }
    }

    /**
     * Removes readings taken before {@code boundary} whose neighbours are close enough that a start matched to the
     * earlier neighbour instead lies at most {@link #COARSE_GAP} after the time that neighbour last held.
     */
    private void thinOlderThan(Instant boundary) {
        int i = 1;
        while (i < entries.size() - 1 && entries.get(i).at().isBefore(boundary)) {
            Entry before = entries.get(i - 1);
            Entry after = entries.get(i + 1);
            if (Duration.between(before.heldUntil(), after.at()).compareTo(COARSE_GAP) <= 0) {
                entries.remove(i);
            } else {
                i++;
            }
        }
    }
}
