package io.zkinfer.server.billing;

import io.zkinfer.server.store.LedgerStore;
import io.zkinfer.server.store.TimeOrderedIds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The binding quotes: stored when offered, so that a call naming one pays its price ({@link Billing#charge},
 * {@link Billing#hold}), and forgotten a day after they expire.
 */
public final class BindingQuotes {

    private final LedgerStore store;
    private final Clock clock;

    BindingQuotes(LedgerStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Stores {@code quote} as binding for {@code client}: up to {@code calls} calls of version {@code modelVersion},
     * proven or not, that name its id before {@code validUntil} pay its price, whatever the price then in force.
     */
    public BindingQuote offer(String client, String modelVersion, boolean proven, long calls, Quote quote,
                              Instant validUntil) {
        BindingQuote offered = new BindingQuote(TimeOrderedIds.next(), client, quote.modelId(), modelVersion,
                proven, quote, calls, 0, validUntil);
        store.inTransaction(s -> {
            s.quotes().insert(offered);
            return null;
        });
        return offered;
    }

    /** Forgets the quotes that expired a day or more ago (a call naming one is refused as unknown); returns how many. */
    public int forgetExpired() {
        Instant before = clock.instant().minus(Duration.ofDays(1));
        return store.inTransaction(s -> s.quotes().deleteExpired(before));
    }
}
