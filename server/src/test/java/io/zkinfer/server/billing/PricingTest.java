package io.zkinfer.server.billing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PricingTest {

    private static final Instant NOON = Instant.parse("2026-11-28T12:30:00Z");

    @ParameterizedTest(name = "base {0} × {1} × (1+{2}) × (1−{3}) × {4} = {5}")
    @CsvSource({
            // base, demand, bonus, discount, time of day, expected (bps; rounded half up once)
            "1000,    10000, 0,     0,     10000, 1000",
            "1000,    15000, 0,     0,     10000, 1500",
            "1000,    10000, 2500,  0,     10000, 1250",
            "1000,    10000, 0,     1000,  10000, 900",
            "1000,    10000, 0,     0,     8000,  800",
            "1000,    12000, 1000,  2000,  9000,  950",    // 1000 × 1.2 × 1.1 × 0.8 × 0.9 = 950.4 -> 950
            "1,       15000, 0,     0,     10000, 2",      // 1.5 -> 2 (half up)
            "1,       14999, 0,     0,     10000, 1",      // 1.4999 -> 1
            "3,       5000,  0,     0,     10000, 2",      // 1.5 -> 2
            "5,       10000, 0,     0,     5000,  3",      // 2.5 -> 3
            "7,       10000, 0,     5000,  10000, 4",      // 3.5 -> 4
            "999,     10001, 1,     9999,  99999, 1",      // 999 × 1.0001 × 1.0001 × 0.0001 × 9.9999 = 0.99919 -> 1
            "1000,    10000, 0,     10000, 10000, 0",      // full discount
            "0,       30000, 5000,  0,     20000, 0",
            "123457,  33333, 777,   333,   11111, 476357", // 123457 × 3.3333 × 1.0777 × 0.9667 × 1.1111 = 476357.35 -> 476357
    })
    void priceTable(long base, int demand, int bonus, int discount, int timeOfDay, long expected) {
        long price = Pricing.priceMinor(base, demand, bonus, discount, timeOfDay);
        assertEquals(expected, price);
        assertEquals(reference(base, demand, bonus, discount, timeOfDay), price, "reference formula");
    }

    @Test
    void roundingIsHalfUpAppliedOnceAtTheEnd() {
        // 1 × 0.5 = 0.5 -> 1 (an exact half goes up)
        assertEquals(1, Pricing.priceMinor(1, 5000, 0, 0, 10000));
        // 1 × 0.5 × 0.5 = 0.25 -> 0; rounding each factor separately would give round(round(0.5) × 0.5) = 1
        assertEquals(0, Pricing.priceMinor(1, 5000, 0, 0, 5000));
        // 3 × 0.5 × 1.5 = 2.25 -> 2; step-wise rounding would give round(2 × 1.5) = 3
        assertEquals(2, Pricing.priceMinor(3, 5000, 5000, 0, 10000));
        // just under one half rounds down
        assertEquals(0, Pricing.priceMinor(1, 4999, 0, 0, 10000));
    }

    @Test
    void quoteCarriesEveryComponentAndTheSplit() {
        List<Integer> hours = new ArrayList<>(Collections.nCopies(24, 10000));
        hours.set(12, 12000);
        PricingPolicy policy = PricingPolicy.flat("mnist", "dev-ann", Money.zkc(1_000_000))
                .withQualityBonusBps(1000)
                .withVolumeTiers(List.of(new VolumeTier(100, 500), new VolumeTier(1000, 1500)))
                .withHourlyFactorBps(hours);
        Quote quote = Pricing.quote(policy, 15000, 150, NOON);
        assertEquals(15000, quote.demandBps());
        assertEquals(1000, quote.qualityBonusBps());
        assertEquals(500, quote.volumeDiscountBps());
        assertEquals(12000, quote.timeOfDayBps());
        // 1,000,000 × 1.5 × 1.1 × 0.95 × 1.2 = 1,881,000
        assertEquals(Money.zkc(1_881_000), quote.amount());
        assertEquals(Money.zkc(1_316_700), quote.split().developer());
        assertEquals(Money.zkc(564_300), quote.split().platform());
        assertEquals(1500, Pricing.quote(policy, 10000, 1000, NOON).volumeDiscountBps());
        assertEquals(0, Pricing.quote(policy, 10000, 99, NOON).volumeDiscountBps());
        // demand is clamped to the policy's bounds (0.5× to 3× for a flat policy)
        assertEquals(30000, Pricing.quote(policy, 1_000_000, 0, NOON).demandBps());
        assertEquals(5000, Pricing.quote(policy, 1, 0, NOON).demandBps());
        assertEquals(10000, Pricing.quote(policy, 10000, 0, Instant.parse("2026-11-28T11:59:59Z")).timeOfDayBps());
    }

    @Test
    void splitGivesTheOddUnitToThePlatform() {
        Split split = Split.of(Money.zkc(1), 7000);
        assertEquals(Money.zkc(0), split.developer());
        assertEquals(Money.zkc(1), split.platform());
        Split eleven = Split.of(Money.zkc(11), 7000); // 7.7 -> developer 7, platform 4
        assertEquals(Money.zkc(7), eleven.developer());
        assertEquals(Money.zkc(4), eleven.platform());
        assertEquals(Money.zkc(10), Split.of(Money.zkc(10), 10000).developer());
        assertEquals(Money.zkc(10), Split.of(Money.zkc(10), 0).platform());
    }

    @Test
    void sharesAlwaysSumToTheAmount() {
        Random random = TestSeed.random("PricingTest.sharesAlwaysSumToTheAmount");
        for (int i = 0; i < 100_000; i++) {
            long amount = i % 3 == 0 ? random.nextInt(1000) : random.nextLong() & Long.MAX_VALUE;
            int bps = random.nextInt(10001);
            Split split = Split.of(Money.zkc(amount), bps);
            assertEquals(amount, split.developer().minor() + split.platform().minor(), amount + " at " + bps + " bps");
            BigInteger exact = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(bps));
            assertEquals(exact.divide(BigInteger.valueOf(10000)).longValueExact(), split.developer().minor());
            assertTrue(split.platform().minor() >= 0);
        }
    }

    @Test
    void largeValuesAreExactAndOverflowIsRefused() {
        long max = Long.MAX_VALUE;
        // the intermediate product is ~2^63 × 10^16 and still exact
        assertEquals(max, Pricing.priceMinor(max, 10000, 0, 0, 10000));
        assertEquals(max / 2 + 1, Pricing.priceMinor(max, 5000, 0, 0, 10000)); // (2^63 − 1)/2 = ….5 -> up
        ArithmeticException overflow = assertThrows(ArithmeticException.class, () -> Pricing.priceMinor(max, 10001, 0, 0, 10000));
        assertTrue(overflow.getMessage().contains("does not fit"), overflow.getMessage());
        assertThrows(ArithmeticException.class, () -> Money.zkc(max).plus(Money.zkc(1)));
        assertThrows(ArithmeticException.class, () -> Money.zkc(Long.MIN_VALUE).negate());
        assertEquals(Money.zkc(max), Money.zkc(max - 1).plus(Money.zkc(1)));
    }

    @Test
    void randomisedPricesMatchTheExactReference() {
        Random random = TestSeed.random("PricingTest.randomisedPricesMatchTheExactReference");
        for (int i = 0; i < 20_000; i++) {
            long base = random.nextInt(4) == 0 ? random.nextInt(100) : random.nextInt(1 << 30);
            int demand = 1 + random.nextInt(100_000);
            int bonus = random.nextInt(100_001);
            int discount = random.nextInt(10_001);
            int timeOfDay = 1 + random.nextInt(100_000);
            assertEquals(reference(base, demand, bonus, discount, timeOfDay), Pricing.priceMinor(base, demand, bonus, discount, timeOfDay));
        }
    }

    @Test
    void moneyRefusesMixedCurrenciesAndPrintsExactDecimals() {
        assertEquals("1.250000 ZKC", Money.zkc(1_250_000).toString());
        assertEquals("-0.000001 ZKC", Money.zkc(-1).toString());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> Money.zkc(1).plus(Money.of(1, Coin.of("USDC", 6))));
        assertTrue(mixed.getMessage().contains("different currencies"), mixed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Coin.of("zkc", 6));
    }

    @Test
    void badPoliciesAreRefusedWithTheFix() {
        IllegalArgumentException share = assertThrows(IllegalArgumentException.class,
                () -> PricingPolicy.flat("m", "d", Money.zkc(1)).withDeveloperShareBps(10001));
        assertTrue(share.getMessage().contains("developer share of model 'm' is 10001 bps; give 0 to 10000"), share.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PricingPolicy.flat("m", "d", Money.zkc(-1)));
        assertThrows(IllegalArgumentException.class, () -> PricingPolicy.flat("m", "d", Money.zkc(1)).withHourlyFactorBps(List.of(1, 2)));
    }

    /** The formula as a rational, rounded half up by comparing twice the remainder, written independently. */
    private static long reference(long base, int demand, int bonus, int discount, int timeOfDay) {
        BigInteger n = BigInteger.valueOf(base).multiply(BigInteger.valueOf(demand)).multiply(BigInteger.valueOf(10000L + bonus))
                .multiply(BigInteger.valueOf(10000L - discount)).multiply(BigInteger.valueOf(timeOfDay));
        BigInteger d = BigInteger.TEN.pow(16);
        return n.add(d.shiftRight(1)).divide(d).longValueExact();
    }
}
