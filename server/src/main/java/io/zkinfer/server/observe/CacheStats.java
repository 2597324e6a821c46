package io.zkinfer.server.observe;

/**
 * Model cache lookups: how many found the model loaded (hits) and how many had to load it (misses).
 *
 * @param hits   lookups that found the model loaded
 * @param misses lookups that loaded it
 */
public record CacheStats(long hits, long misses) {

    /** All lookups. */
    public long lookups() {
        return hits + misses;
    }

    /** Share of lookups that hit, in basis points (10,000 = all); 0 when there was no lookup. */
    public int hitRateBps() {
        long lookups = lookups();
        return lookups == 0 ? 0 : (int) (hits * 10_000 / lookups);
    }
}
