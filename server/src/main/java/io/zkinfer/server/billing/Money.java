package io.zkinfer.server.billing;

import java.math.BigDecimal;

/**
 * An exact amount of money: a whole number of minor units of one {@link Coin}. Arithmetic is exact and
 * throws {@link ArithmeticException} on {@code long} overflow instead of wrapping; amounts of different
 * coins never mix. There is no {@code double} anywhere on this path.
 *
 * @param minor the amount in minor units (may be negative for ledger postings)
 * @param coin  the currency
 */
public record Money(long minor, Coin coin) implements Comparable<Money> {

    public Money {
        if (coin == null) {
            throw new IllegalArgumentException("money needs a currency; use Coin.ZKC for the native coin");
        }
    }

    /** {@code minor} minor units of {@code coin}. */
    public static Money of(long minor, Coin coin) {
        return new Money(minor, coin);
    }

    /** {@code minor} micro-ZKC. */
    public static Money zkc(long minor) {
        return new Money(minor, Coin.ZKC);
    }

    /** Zero of {@code coin}. */
    public static Money zero(Coin coin) {
        return new Money(0, coin);
    }

    /** {@code this + other}, exact. */
    public Money plus(Money other) {
        requireSameCoin(other);
        return new Money(Math.addExact(minor, other.minor), coin);
    }

    /** {@code this - other}, exact. */
    public Money minus(Money other) {
        requireSameCoin(other);
        return new Money(Math.subtractExact(minor, other.minor), coin);
    }

    /** {@code -this}, exact. */
    public Money negate() {
        return new Money(Math.negateExact(minor), coin);
    }

    public boolean isZero() {
        return minor == 0;
    }

    public boolean isNegative() {
        return minor < 0;
    }

    /** Throws unless {@code other} is in the same currency. */
    public void requireSameCoin(Money other) {
        if (!coin.equals(other.coin)) {
            throw new IllegalArgumentException("cannot combine " + this + " with " + other + ": different currencies");
        }
    }

    @Override
    public int compareTo(Money other) {
        requireSameCoin(other);
        return Long.compare(minor, other.minor);
    }

    /** The amount in whole units with all its decimals, then the code: {@code 1.250000 ZKC}. */
    @Override
    public String toString() {
        return BigDecimal.valueOf(minor, coin.decimals()).toPlainString() + " " + coin.code();
    }
}
