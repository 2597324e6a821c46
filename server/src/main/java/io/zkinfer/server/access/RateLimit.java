package io.zkinfer.server.access;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code permits} calls per {@code period}, in bursts of up to {@code permits}: a bucket that holds
 * {@code permits} tokens and refills one every {@code period / permits}.
 */
public record RateLimit(long permits, Duration period) {

    public RateLimit {
        Objects.requireNonNull(period, "period");
        if (permits < 1) {
            throw new IllegalArgumentException("a rate limit allows " + permits + " calls; give 1 or more");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit's period is " + period + "; give a positive one");
        }
        if (period.toNanos() / permits < 1) {
            throw new IllegalArgumentException("a rate limit of " + permits + " calls per " + period
                    + " is finer than one call per nanosecond; give fewer calls or a longer period");
        }
    }

    /** {@code permits} calls a minute. */
    public static RateLimit perMinute(long permits) {
        return new RateLimit(permits, Duration.ofMinutes(1));
    }

    /** {@code permits} calls a second. */
    public static RateLimit perSecond(long permits) {
        return new RateLimit(permits, Duration.ofSeconds(1));
    }

    /** Nanoseconds between two tokens. */
    long intervalNanos() {
        return period.toNanos() / permits;
    }

    /** The limit in words, e.g. {@code 600 calls per minute}. */
    @Override
    public String toString() {
        String per;
        if (period.equals(Duration.ofMinutes(1))) {
            per = "minute";
        } else if (period.equals(Duration.ofSeconds(1))) {
            per = "second";
        } else if (period.equals(Duration.ofHours(1))) {
            per = "hour";
        } else {
            per = period.toMillis() + " ms";
        }
        return permits + (permits == 1 ? " call" : " calls") + " per " + per;
    }
}
