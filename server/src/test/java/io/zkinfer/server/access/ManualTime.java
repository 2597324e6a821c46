package io.zkinfer.server.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Time that tests move by hand: a UTC {@link Clock} and a nanosecond counter that advance together. */
final class ManualTime {

    private final AtomicLong nanos = new AtomicLong();
    private final Instant start;

    ManualTime(Instant start) {
        this.start = start;
    }

    void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    LongSupplier nanoClock() {
        return nanos::get;
    }

    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("ManualTime's clock is UTC only");
            }

            @Override
            public Instant instant() {
                return start.plusNanos(nanos.get());
            }
        };
    }
}
