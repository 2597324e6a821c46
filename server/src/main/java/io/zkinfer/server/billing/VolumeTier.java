package io.zkinfer.server.billing;

/**
 * A volume discount step: from the {@code fromCalls}-th call of a month on (counting the account's earlier
 * calls to the same model that month), the price is reduced by {@code discountBps} basis points.
 *
 * @param fromCalls   the number of earlier calls this month at which the discount starts, at least 1
 * @param discountBps the discount, 0 to 10000 basis points (10000 = free)
 */
public record VolumeTier(long fromCalls, int discountBps) {

    public VolumeTier {
        if (fromCalls < 1) {
            throw new IllegalArgumentException("volume tier starts at " + fromCalls + " calls; start at 1 or more");
        }
        if (discountBps < 0 || discountBps > Pricing.ONE_BPS) {
            throw new IllegalArgumentException("volume discount " + discountBps + " bps is outside 0..10000");
        }
    }
}
