package io.zkinfer.server.billing;

import java.math.BigInteger;

/**
 * How one amount divides between the model's developer and the platform. The developer gets
 * {@code floor(amount × developerShareBps / 10000)}; the platform gets the rest, so the platform receives any
 * odd minor unit and the two shares always sum to the amount exactly.
 *
 * @param developerShareBps the developer's share in basis points
 * @param developer         the developer's share
 * @param platform          the platform's share
 */
public record Split(int developerShareBps, Money developer, Money platform) {

    public Split {
        developer.requireSameCoin(platform);
    }

    /** Divides {@code amount} (zero or more) with the developer taking {@code developerShareBps}, rounded down. */
    public static Split of(Money amount, int developerShareBps) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("cannot split a negative amount " + amount);
        }
        if (developerShareBps < 0 || developerShareBps > Pricing.ONE_BPS) {
            throw new IllegalArgumentException("developer share " + developerShareBps + " bps is outside 0..10000");
        }
        long developer = BigInteger.valueOf(amount.minor()).multiply(BigInteger.valueOf(developerShareBps))
                .divide(BigInteger.valueOf(Pricing.ONE_BPS)).longValueExact();
        return new Split(developerShareBps, Money.of(developer, amount.coin()), Money.of(amount.minor() - developer, amount.coin()));
    }

    /** The whole amount: developer plus platform. */
    public Money total() {
        return developer.plus(platform);
    }
}
