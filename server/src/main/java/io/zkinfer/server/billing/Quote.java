package io.zkinfer.server.billing;

import java.time.Instant;

/**
 * The price of one call with every component that made it:
 * {@code amount = round(base × demand × (1 + qualityBonus) × (1 − volumeDiscount) × timeOfDay)}, every factor in
 * basis points, rounded once, half up, to the minor unit (see {@link Pricing}).
 *
 * @param modelId           the model
 * @param developerId       who earns the developer share
 * @param base              the base price
 * @param demandBps         demand factor used (after clamping to the model's bounds)
 * @param qualityBonusBps   quality bonus
 * @param volumeDiscountBps volume discount
 * @param timeOfDayBps      time-of-day factor for the UTC hour of {@code quotedAt}
 * @param amount            the final price
 * @param split             the developer/platform division of {@code amount}
 * @param quotedAt          when the quote was made
 */
public record Quote(String modelId, String developerId, Money base, int demandBps, int qualityBonusBps,
                    int volumeDiscountBps, int timeOfDayBps, Money amount, Split split, Instant quotedAt) {

    public Quote {
        if (!split.total().equals(amount)) {
            throw new IllegalArgumentException("split " + split + " does not sum to the quoted " + amount);
        }
    }
}
