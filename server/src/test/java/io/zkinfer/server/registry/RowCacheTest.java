package io.zkinfer.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.server.billing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The registry's row cache serves fresh rows, drops what a write changed, and never keeps a row a write raced. */
class RowCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    private final RowCache<String> cache = new RowCache<>(clock, 2_000);
    private final AtomicInteger reads = new AtomicInteger();

    private String read(String row) {
        reads.incrementAndGet();
        return row;
    }

    @Test
    void aFreshRowIsServedWithoutReadingAgainUntilItAgesOut() {
        assertEquals("active 1", cache.get("m", () -> read("active 1")));
        clock.advance(Duration.ofMillis(1_999));
        assertEquals("active 1", cache.get("m", () -> read("active 2")));
        assertEquals(1, reads.get());
        clock.advance(Duration.ofMillis(1));
        assertEquals("active 2", cache.get("m", () -> read("active 2")), "another node's change shows after 2 s");
        assertEquals(2, reads.get());
    }

    @Test
    void aWriteDropsTheRowsItChangedAndNoOthers() {
        cache.get("m#1", () -> read("v1 pending"));
        cache.get("m#2", () -> read("v2 pending"));
        cache.get("n#1", () -> read("n v1"));
        cache.beginWrite(key -> key.startsWith("m#"));
        cache.endWrite(key -> key.startsWith("m#"));
        assertEquals("v1 ready", cache.get("m#1", () -> read("v1 ready")));
        assertEquals("v2 ready", cache.get("m#2", () -> read("v2 ready")));
        assertEquals("n v1", cache.get("n#1", () -> read("n v1 changed")), "another model's row stays cached");
        assertEquals(5, reads.get());
    }

    /**
     * The race that served a stale active version after an upgrade became ready: a read begins, a write begins and
     * commits, then the read's (older) row arrives. It is returned to its caller but not cached.
     */
    @Test
    void aRowReadWhileAWriteBeganIsNotKept() {
        String raced = cache.get("m", () -> {
            String before = read("active 1");
            cache.beginWrite("m"::equals);
            cache.endWrite("m"::equals);
            return before;
        });
        assertEquals("active 1", raced);
        assertEquals("active 2", cache.get("m", () -> read("active 2")), "the next call reads the written row");
        assertEquals("active 2", cache.get("m", () -> read("active 3")), "and keeps it");
        assertEquals(2, reads.get());
    }

    /**
     * The race that showed a ready version beside the model's old active version: the row cached before a write was
     * served after the write had committed, until the writer got round to dropping it. From a write's begin, the
     * cache serves no row it changes and keeps none read until it ended.
     */
    @Test
    void fromAWritesBeginUntilItsEndNoRowItChangesIsServedFromTheCacheOrKept() {
        cache.get("m", () -> read("active 1"));
        cache.beginWrite("m"::equals);
        assertEquals("active 1", cache.get("m", () -> read("active 1")), "read before the commit: the old row");
        assertEquals("active 2", cache.get("m", () -> read("active 2")), "read after the commit: the new row, not"
                + " the old one kept from before the write");
        cache.endWrite("m"::equals);
        assertEquals(3, reads.get(), "rows read during the write were not kept");
        assertEquals("active 2", cache.get("m", () -> read("active 2")));
        assertEquals("active 2", cache.get("m", () -> read("active 3")), "after the write, rows are kept again");
        assertEquals(4, reads.get());
        assertThrows(IllegalStateException.class, () -> cache.endWrite("m"::equals), "an end needs a begin");
    }
}
