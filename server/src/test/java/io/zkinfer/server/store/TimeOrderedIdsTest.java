package io.zkinfer.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ledger row ids are version 7 UUIDs: the millisecond first, so they sort by time, then random bits. */
class TimeOrderedIdsTest {

    @Test
    void anIdIsAVersion7UuidThatCarriesItsMillisecond() {
        long millis = 1_795_000_000_123L;
        UUID id = TimeOrderedIds.of(millis, new SecureRandom());
        assertEquals(7, id.version());
        assertEquals(2, id.variant(), "the IETF variant (binary 10)");
        assertEquals(millis, id.getMostSignificantBits() >>> 16, "the first 48 bits are the Unix time in ms");
        assertEquals(id, UUID.fromString(id.toString()), "the canonical text form parses back");
    }

    @Test
    void idsOfLaterMillisecondsSortAfterAsTextAndEveryIdDiffers() {
        SecureRandom random = new SecureRandom();
        String previous = null;
        Set<String> seen = new HashSet<>();
        for (long millis = 1_700_000_000_000L; millis < 1_700_000_000_000L + 2000; millis++) {
            String a = TimeOrderedIds.of(millis, random).toString();
            String b = TimeOrderedIds.of(millis, random).toString();
            assertNotEquals(a, b, "two ids of one millisecond differ in their random bits");
            if (previous != null) {
                assertTrue(previous.compareTo(a) < 0 && previous.compareTo(b) < 0,
                        previous + " (ms " + (millis - 1) + ") sorts before " + a + " and " + b + " (ms " + millis + ")");
            }
            previous = a.compareTo(b) > 0 ? a : b;
            assertTrue(seen.add(a) && seen.add(b), "no id repeats");
        }
    }

    @Test
    void nextUsesTheClockAndATimeOutsideFortyEightBitsIsRefused() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(TimeOrderedIds.next());
        long after = System.currentTimeMillis();
        long stamped = id.getMostSignificantBits() >>> 16;
        assertTrue(stamped >= before && stamped <= after, stamped + " lies in [" + before + ", " + after + "]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeOrderedIds.of(1L << 48, new SecureRandom()));
        assertTrue(e.getMessage().contains("48 bits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimeOrderedIds.of(-1, new SecureRandom()));
    }
}
