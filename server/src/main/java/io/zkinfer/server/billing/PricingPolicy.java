package io.zkinfer.server.billing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How one model is priced, as its developer set it. Every factor is in basis points (10000 = 1×).
 *
 * @param modelId           the model
 * @param developerId       who earns the developer share
 * @param basePrice         price of one call before any factor
 * @param qualityBonusBps   quality bonus, 0 to 100000 bps, applied as {@code (1 + bonus)}
 * @param developerShareBps the developer's share of each paid call, 0 to 10000 bps (default 7000 = 70 %)
 * @param minDemandBps      lowest demand factor a quote may use (the runtime's load is clamped to it)
 * @param maxDemandBps      highest demand factor a quote may use
 * @param volumeTiers       volume discounts by calls this month, in increasing {@code fromCalls}
 * @param hourlyFactorBps   24 time-of-day factors, one per UTC hour, each 1 to 100000 bps
 */
public record PricingPolicy(String modelId, String developerId, Money basePrice, int qualityBonusBps,
                            int developerShareBps, int minDemandBps, int maxDemandBps,
                            List<VolumeTier> volumeTiers, List<Integer> hourlyFactorBps) {

    /** The default developer share: 70 %, so the platform keeps 30 %. */
    public static final int DEFAULT_DEVELOPER_SHARE_BPS = 7000;

    private static final int MAX_FACTOR_BPS = 100_000;
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

    public PricingPolicy {
        requireId("model id", modelId);
        requireId("developer id", developerId);
        if (basePrice == null || basePrice.isNegative()) {
            throw new IllegalArgumentException("base price of model '" + modelId + "' is " + basePrice + "; give zero or more");
        }
        requireBps("quality bonus", qualityBonusBps, 0, MAX_FACTOR_BPS, modelId);
        requireBps("developer share", developerShareBps, 0, Pricing.ONE_BPS, modelId);
        requireBps("minimum demand factor", minDemandBps, 1, MAX_FACTOR_BPS, modelId);
        requireBps("maximum demand factor", maxDemandBps, minDemandBps, MAX_FACTOR_BPS, modelId);
        List<VolumeTier> tiers = new ArrayList<>(volumeTiers == null ? List.of() : volumeTiers);
        tiers.sort(Comparator.comparingLong(VolumeTier::fromCalls));
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).fromCalls() == tiers.get(i - 1).fromCalls()) {
                throw new IllegalArgumentException("model '" + modelId + "' has two volume tiers from " + tiers.get(i).fromCalls() + " calls; keep one");
            }
        }
        volumeTiers = Collections.unmodifiableList(tiers);
        if (hourlyFactorBps == null || hourlyFactorBps.size() != 24) {
            throw new IllegalArgumentException("model '" + modelId + "' needs 24 time-of-day factors (one per UTC hour), got "
                    + (hourlyFactorBps == null ? 0 : hourlyFactorBps.size()));
        }
        for (int h = 0; h < 24; h++) {
            requireBps("time-of-day factor for hour " + h, hourlyFactorBps.get(h), 1, MAX_FACTOR_BPS, modelId);
        }
        hourlyFactorBps = List.copyOf(hourlyFactorBps);
    }

    /** A policy with only a base price: no bonus, no discounts, 1× at every hour, demand 0.5× to 3×, 70/30 split. */
    public static PricingPolicy flat(String modelId, String developerId, Money basePrice) {
        return new PricingPolicy(modelId, developerId, basePrice, 0, DEFAULT_DEVELOPER_SHARE_BPS, 5_000, 30_000,
                List.of(), Collections.nCopies(24, Pricing.ONE_BPS));
    }

    /** This policy with another developer share. */
    public PricingPolicy withDeveloperShareBps(int bps) {
        return new PricingPolicy(modelId, developerId, basePrice, qualityBonusBps, bps, minDemandBps, maxDemandBps, volumeTiers, hourlyFactorBps);
    }

    /** This policy with another quality bonus. */
    public PricingPolicy withQualityBonusBps(int bps) {
        return new PricingPolicy(modelId, developerId, basePrice, bps, developerShareBps, minDemandBps, maxDemandBps, volumeTiers, hourlyFactorBps);
    }

    /** This policy with other volume tiers. */
    public PricingPolicy withVolumeTiers(List<VolumeTier> tiers) {
        return new PricingPolicy(modelId, developerId, basePrice, qualityBonusBps, developerShareBps, minDemandBps, maxDemandBps, tiers, hourlyFactorBps);
    }

    /** This policy with other time-of-day factors. */
    public PricingPolicy withHourlyFactorBps(List<Integer> factors) {
        return new PricingPolicy(modelId, developerId, basePrice, qualityBonusBps, developerShareBps, minDemandBps, maxDemandBps, volumeTiers, factors);
    }

    /** The discount that applies to a call after {@code earlierCalls} calls this month. */
    public int volumeDiscountBps(long earlierCalls) {
        int discount = 0;
        for (VolumeTier tier : volumeTiers) {
            if (earlierCalls >= tier.fromCalls()) {
                discount = tier.discountBps();
            }
        }
        return discount;
    }

    static void requireId(String what, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " '" + id + "' must be 1 to 128 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
    }

    private static void requireBps(String what, int bps, int min, int max, String modelId) {
        if (bps < min || bps > max) {
            throw new IllegalArgumentException(what + " of model '" + modelId + "' is " + bps + " bps; give " + min + " to " + max);
        }
    }
}
