package io.zkinfer.server.billing;

import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The dynamic price of one call:
 * <pre>
 *   price = base × demand × (1 + qualityBonus) × (1 − volumeDiscount) × timeOfDay
 * </pre>
 * with every factor a rational in basis points ({@code f = bps / 10000}). The product is computed exactly in
 * {@link BigInteger} as {@code base × d × (10000 + q) × (10000 − v) × t / 10000^4} and rounded once, at the end,
 * <b>half up</b> to the minor unit (an exact half goes up; prices are never negative). A result that does not fit a
 * {@code long} is refused, never wrapped.
 */
public final class Pricing {

    /** One in basis points. */
    public static final int ONE_BPS = 10_000;

    private static final BigInteger ONE = BigInteger.valueOf(ONE_BPS);
    private static final BigInteger DENOMINATOR = ONE.pow(4);

    private Pricing() {
    }

    /**
     * Quotes a call to {@code policy}'s model at {@code at}, under a demand factor of {@code demandBps} (clamped to the
     * policy's bounds), for an account that already made {@code earlierCallsThisMonth} calls to it this month.
     */
    public static Quote quote(PricingPolicy policy, int demandBps, long earlierCallsThisMonth, Instant at) {
        if (earlierCallsThisMonth < 0) {
            throw new IllegalArgumentException("earlier calls this month is " + earlierCallsThisMonth + "; give zero or more");
        }
        int demand = Math.max(policy.minDemandBps(), Math.min(policy.maxDemandBps(), demandBps));
        int discount = policy.volumeDiscountBps(earlierCallsThisMonth);
        int timeOfDay = policy.hourlyFactorBps().get(at.atZone(ZoneOffset.UTC).getHour());
        long amount = priceMinor(policy.basePrice().minor(), demand, policy.qualityBonusBps(), discount, timeOfDay);
        Money price = Money.of(amount, policy.basePrice().coin());
        return new Quote(policy.modelId(), policy.developerId(), policy.basePrice(), demand, policy.qualityBonusBps(),
                discount, timeOfDay, price, Split.of(price, policy.developerShareBps()), at);
    }

    /**
     * {@code round_half_up(base × demand × (10000 + bonus) × (10000 − discount) × timeOfDay / 10000^4)}, all
     * arguments zero or more ({@code discount} at most 10000).
     */
    public static long priceMinor(long baseMinor, int demandBps, int qualityBonusBps, int volumeDiscountBps, int timeOfDayBps) {
        if (baseMinor < 0 || demandBps < 0 || qualityBonusBps < 0 || timeOfDayBps < 0 || volumeDiscountBps < 0 || volumeDiscountBps > ONE_BPS) {
            throw new IllegalArgumentException("price components must be zero or more and the discount at most 10000 bps: base "
                    + baseMinor + ", demand " + demandBps + ", bonus " + qualityBonusBps + ", discount " + volumeDiscountBps
                    + ", time of day " + timeOfDayBps);
        }
        BigInteger numerator = BigInteger.valueOf(baseMinor)
                .multiply(BigInteger.valueOf(demandBps))
                .multiply(BigInteger.valueOf(ONE_BPS + (long) qualityBonusBps))
                .multiply(BigInteger.valueOf(ONE_BPS - (long) volumeDiscountBps))
                .multiply(BigInteger.valueOf(timeOfDayBps));
        BigInteger[] qr = numerator.divideAndRemainder(DENOMINATOR);
        BigInteger rounded = qr[1].shiftLeft(1).compareTo(DENOMINATOR) >= 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        if (rounded.bitLength() > 63) {
            throw new ArithmeticException("price " + rounded + " minor units does not fit a 64-bit amount; lower the base price or the factors");
        }
        return rounded.longValueExact();
    }
}
