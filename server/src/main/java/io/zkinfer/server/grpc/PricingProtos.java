package io.zkinfer.server.grpc;

import io.zkinfer.api.v1.RoundingRule;
import io.zkinfer.api.v1.TimeOfDayBand;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Pricing;
import io.zkinfer.server.billing.PricingPolicy;
import io.zkinfer.server.billing.VolumeTier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The translation between the {@code Pricing} message a developer sends and billing's {@link PricingPolicy}, both
 * ways. Billing prices a call from one base price, rounds half up and keeps 24 hourly time-of-day factors; the message
 * is refused (an {@link IllegalArgumentException} naming the field) where it asks for what billing cannot honour: a
 * proven base price different from the base price, another rounding rule, overlapping time-of-day bands.
 */
public final class PricingProtos {

    /** Demand bounds when demand pricing is on: 0.5× to 3×, as {@link PricingPolicy#flat}. */
    static final int MIN_DEMAND_BPS = 5_000;
    static final int MAX_DEMAND_BPS = 30_000;
    private static final int MAX_BONUS_BPS = 10_000;
    private static final int MAX_FACTOR_BPS = 100_000;

    private PricingProtos() {
    }

    /** The policy of {@code modelId}, earned by {@code developerId}, that {@code pricing} describes. */
    public static PricingPolicy policy(String modelId, String developerId, io.zkinfer.api.v1.Pricing pricing) {
        if (!pricing.hasBasePrice()) {
            throw new IllegalArgumentException("pricing.base_price is required");
        }
        Money base = BillingProtos.amount(pricing.getBasePrice(), "pricing.base_price");
        if (pricing.hasProvenBasePrice()) {
            Money proven = BillingProtos.amount(pricing.getProvenBasePrice(), "pricing.proven_base_price");
            if (!proven.equals(base)) {
                throw new IllegalArgumentException("pricing.proven_base_price " + proven + " differs from pricing.base_price " + base
                        + "; this node prices proven and unproven calls alike, so send the same amount or leave it unset");
            }
        }
        int bonus = pricing.getQualityBonusBps();
        if (bonus < 0 || bonus > MAX_BONUS_BPS) {
            throw new IllegalArgumentException("pricing.quality_bonus_bps is " + bonus + "; give 0 to " + MAX_BONUS_BPS);
        }
        int share = pricing.hasDeveloperShareBps() ? pricing.getDeveloperShareBps() : PricingPolicy.DEFAULT_DEVELOPER_SHARE_BPS;
        if (share < 0 || share > Pricing.ONE_BPS) {
            throw new IllegalArgumentException("pricing.developer_share_bps is " + share + "; give 0 to " + Pricing.ONE_BPS
                    + " (unset means " + PricingPolicy.DEFAULT_DEVELOPER_SHARE_BPS + ")");
        }
        if (pricing.getRounding() != RoundingRule.ROUNDING_RULE_UNSPECIFIED && pricing.getRounding() != RoundingRule.ROUNDING_RULE_HALF_UP) {
            throw new IllegalArgumentException("pricing.rounding is " + pricing.getRounding() + "; this node rounds half up only "
                    + "(ROUNDING_RULE_HALF_UP, or leave it unset)");
        }
        int minDemand = pricing.getDemandPricing() ? MIN_DEMAND_BPS : Pricing.ONE_BPS;
        int maxDemand = pricing.getDemandPricing() ? MAX_DEMAND_BPS : Pricing.ONE_BPS;
        return new PricingPolicy(modelId, developerId, base, bonus, share, minDemand, maxDemand,
                volumeTiers(pricing.getVolumeTiersList()), hourlyFactors(pricing.getTimeOfDayBandsList()));
    }

    /** {@code policy} as a Pricing message; runs of equal hourly factors other than 1× become one band each. */
    public static io.zkinfer.api.v1.Pricing toProto(PricingPolicy policy) {
        io.zkinfer.api.v1.Pricing.Builder b = io.zkinfer.api.v1.Pricing.newBuilder()
                .setBasePrice(BillingProtos.toProto(policy.basePrice()))
                .setProvenBasePrice(BillingProtos.toProto(policy.basePrice()))
                .setQualityBonusBps(policy.qualityBonusBps())
                .setDeveloperShareBps(policy.developerShareBps())
                .setRounding(RoundingRule.ROUNDING_RULE_HALF_UP)
                .setDemandPricing(policy.minDemandBps() != Pricing.ONE_BPS || policy.maxDemandBps() != Pricing.ONE_BPS);
        for (VolumeTier tier : policy.volumeTiers()) {
            b.addVolumeTiers(io.zkinfer.api.v1.VolumeTier.newBuilder().setMinCalls(tier.fromCalls()).setDiscountBps(tier.discountBps()));
        }
        List<Integer> hours = policy.hourlyFactorBps();
        for (int start = 0; start < 24; ) {
            int end = start + 1;
            while (end < 24 && hours.get(end).equals(hours.get(start))) {
                end++;
            }
            if (hours.get(start) != Pricing.ONE_BPS) {
                b.addTimeOfDayBands(TimeOfDayBand.newBuilder().setStartHour(start).setEndHour(end).setFactorBps(hours.get(start)));
            }
            start = end;
        }
        return b.build();
    }

    private static List<VolumeTier> volumeTiers(List<io.zkinfer.api.v1.VolumeTier> tiers) {
        List<VolumeTier> out = new ArrayList<>(tiers.size());
        for (int i = 0; i < tiers.size(); i++) {
            io.zkinfer.api.v1.VolumeTier t = tiers.get(i);
            String field = "pricing.volume_tiers[" + i + "]";
            if (t.getMinCalls() < 1) {
                throw new IllegalArgumentException(field + ".min_calls is " + t.getMinCalls()
                        + "; start a tier at 1 or more calls (a discount from the first call is a lower base_price)");
            }
            if (t.getDiscountBps() < 0 || t.getDiscountBps() > Pricing.ONE_BPS) {
                throw new IllegalArgumentException(field + ".discount_bps is " + t.getDiscountBps() + "; give 0 to " + Pricing.ONE_BPS);
            }
            out.add(new VolumeTier(t.getMinCalls(), t.getDiscountBps()));
        }
        return out;
    }

    /** 24 factors, one per UTC hour: each band's factor over its hours (wrapping past midnight), 1× elsewhere. */
    private static List<Integer> hourlyFactors(List<TimeOfDayBand> bands) {
        Integer[] hours = new Integer[24];
        for (int i = 0; i < bands.size(); i++) {
            TimeOfDayBand band = bands.get(i);
            String field = "pricing.time_of_day_bands[" + i + "]";
            if (band.getStartHour() < 0 || band.getStartHour() > 23) {
                throw new IllegalArgumentException(field + ".start_hour is " + band.getStartHour() + "; give 0 to 23");
            }
            if (band.getEndHour() < 1 || band.getEndHour() > 24) {
                throw new IllegalArgumentException(field + ".end_hour is " + band.getEndHour() + "; give 1 to 24");
            }
            int length = band.getStartHour() == 0 && band.getEndHour() == 24 ? 24 : Math.floorMod(band.getEndHour() - band.getStartHour(), 24);
            if (length == 0) {
                throw new IllegalArgumentException(field + " starts and ends at hour " + band.getStartHour()
                        + "; give a band of at least one hour (0 to 24 covers the whole day)");
            }
            if (band.getFactorBps() < 1 || band.getFactorBps() > MAX_FACTOR_BPS) {
                throw new IllegalArgumentException(field + ".factor_bps is " + band.getFactorBps() + "; give 1 to " + MAX_FACTOR_BPS);
            }
            for (int k = 0, h = band.getStartHour(); k < length; k++, h = (h + 1) % 24) {
                if (hours[h] != null) {
                    throw new IllegalArgumentException(field + " overlaps an earlier band at hour " + h + "; bands must not overlap");
                }
                hours[h] = band.getFactorBps();
            }
        }
        return Arrays.stream(hours).map(f -> f == null ? Pricing.ONE_BPS : f).toList();
    }
}
