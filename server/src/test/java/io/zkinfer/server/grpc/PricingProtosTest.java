package io.zkinfer.server.grpc;

import io.zkinfer.api.v1.Pricing;
import io.zkinfer.api.v1.RoundingRule;
import io.zkinfer.api.v1.TimeOfDayBand;
import io.zkinfer.api.v1.VolumeTier;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.PricingPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PricingProtosTest {

    private static io.zkinfer.api.v1.Money zkc(long minor) {
        return BillingProtos.toProto(Money.zkc(minor));
    }

    private static TimeOfDayBand band(int start, int end, int factor) {
        return TimeOfDayBand.newBuilder().setStartHour(start).setEndHour(end).setFactorBps(factor).build();
    }

    private static Pricing.Builder pricing() {
        return Pricing.newBuilder().setBasePrice(zkc(1_000));
    }

    private static void refusedNaming(String words, Pricing pricing) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PricingProtos.policy("m", "dev", pricing));
        assertTrue(e.getMessage().contains(words), () -> "'" + e.getMessage() + "' names '" + words + "'");
    }

    @Test
    void aFullPricingBecomesThePolicyAndBack() {
        Pricing sent = pricing().setProvenBasePrice(zkc(1_000)).setQualityBonusBps(250).setDeveloperShareBps(8_000)
                .setRounding(RoundingRule.ROUNDING_RULE_HALF_UP).setDemandPricing(true)
                .addVolumeTiers(VolumeTier.newBuilder().setMinCalls(100).setDiscountBps(500))
                .addVolumeTiers(VolumeTier.newBuilder().setMinCalls(1_000).setDiscountBps(1_500))
                .addTimeOfDayBands(band(22, 2, 12_000)).addTimeOfDayBands(band(9, 17, 9_000)).build();
        PricingPolicy policy = PricingProtos.policy("m", "dev", sent);
        assertEquals(Money.zkc(1_000), policy.basePrice());
        assertEquals(250, policy.qualityBonusBps());
        assertEquals(8_000, policy.developerShareBps());
        assertEquals(PricingProtos.MIN_DEMAND_BPS, policy.minDemandBps());
        assertEquals(PricingProtos.MAX_DEMAND_BPS, policy.maxDemandBps());
        assertEquals(500, policy.volumeDiscountBps(100));
        assertEquals(1_500, policy.volumeDiscountBps(5_000));
        List<Integer> hours = new ArrayList<>(Collections.nCopies(24, 10_000));
        for (int h : new int[] {22, 23, 0, 1}) {
            hours.set(h, 12_000);
        }
        for (int h = 9; h < 17; h++) {
            hours.set(h, 9_000);
        }
        assertEquals(hours, policy.hourlyFactorBps(), "the 22-2 band wraps past midnight");
        assertEquals(policy, PricingProtos.policy("m", "dev", PricingProtos.toProto(policy)), "back and forth again");
    }

    @Test
    void defaultsFillWhatThePricingLeavesUnset() {
        PricingPolicy policy = PricingProtos.policy("m", "dev", pricing().build());
        assertEquals(PricingPolicy.DEFAULT_DEVELOPER_SHARE_BPS, policy.developerShareBps());
        PricingPolicy nothingToTheDeveloper = PricingProtos.policy("m", "dev", pricing().setDeveloperShareBps(0).build());
        assertEquals(0, nothingToTheDeveloper.developerShareBps(), "a share of 0, sent, is 0, not the default");
        assertTrue(PricingProtos.toProto(nothingToTheDeveloper).hasDeveloperShareBps());
        assertEquals(nothingToTheDeveloper, PricingProtos.policy("m", "dev", PricingProtos.toProto(nothingToTheDeveloper)));
        assertEquals(10_000, policy.minDemandBps(), "demand pricing off keeps the factor at 1×");
        assertEquals(10_000, policy.maxDemandBps());
        assertEquals(Collections.nCopies(24, 10_000), policy.hourlyFactorBps());
        assertEquals(List.of(), PricingProtos.toProto(policy).getTimeOfDayBandsList());
        assertEquals(Collections.nCopies(24, 20_000), PricingProtos.policy("m", "dev", pricing().addTimeOfDayBands(band(0, 24, 20_000)).build())
                .hourlyFactorBps(), "0 to 24 is the whole day");
    }

    @Test
    void whatBillingCannotHonourIsRefusedNamingTheField() {
        refusedNaming("pricing.base_price is required", Pricing.getDefaultInstance());
        refusedNaming("pricing.base_price is -1", pricing().setBasePrice(zkc(-1)).build());
        refusedNaming("pricing.proven_base_price", pricing().setProvenBasePrice(zkc(2_000)).build());
        refusedNaming("pricing.rounding", pricing().setRounding(RoundingRule.ROUNDING_RULE_HALF_EVEN).build());
        refusedNaming("pricing.quality_bonus_bps is 10001", pricing().setQualityBonusBps(10_001).build());
        refusedNaming("pricing.developer_share_bps is 10001", pricing().setDeveloperShareBps(10_001).build());
        refusedNaming("pricing.developer_share_bps is -1", pricing().setDeveloperShareBps(-1).build());
        refusedNaming("pricing.volume_tiers[0].min_calls is 0", pricing().addVolumeTiers(VolumeTier.newBuilder().setDiscountBps(10)).build());
        refusedNaming("pricing.volume_tiers[0].discount_bps", pricing().addVolumeTiers(VolumeTier.newBuilder().setMinCalls(1).setDiscountBps(-1)).build());
        refusedNaming("pricing.time_of_day_bands[0].start_hour is 24", pricing().addTimeOfDayBands(band(24, 2, 5_000)).build());
        refusedNaming("pricing.time_of_day_bands[0].end_hour is 0", pricing().addTimeOfDayBands(band(3, 0, 5_000)).build());
        refusedNaming("pricing.time_of_day_bands[0] starts and ends", pricing().addTimeOfDayBands(band(5, 5, 5_000)).build());
        refusedNaming("pricing.time_of_day_bands[0].factor_bps is 0", pricing().addTimeOfDayBands(band(1, 2, 0)).build());
        refusedNaming("pricing.time_of_day_bands[1] overlaps", pricing().addTimeOfDayBands(band(20, 23, 5_000))
                .addTimeOfDayBands(band(22, 1, 5_000)).build());
    }
}
