package io.zkinfer.server.billing;

import java.util.regex.Pattern;

/**
 * A currency: its code and how many decimal places its minor unit has, so that one whole unit is
 * {@code 10^decimals} minor units. The ledger never stores anything but whole minor units.
 *
 * @param code     upper-case code, 2 to 10 letters or digits, e.g. {@code ZKC}
 * @param decimals decimal places of the minor unit, 0 to 18
 */
public record Coin(String code, int decimals) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]{1,9}");

    /** zkinfer's native coin: ZKC with 6 decimals, so 1 ZKC = 1,000,000 minor units (micro-ZKC). */
    public static final Coin ZKC = new Coin("ZKC", 6);

    public Coin {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("currency code '" + code + "' is not 2 to 10 upper-case letters or digits starting with a letter, e.g. ZKC");
        }
        if (decimals < 0 || decimals > 18) {
            throw new IllegalArgumentException("currency " + code + " has " + decimals + " decimals; use 0 to 18");
        }
    }

    /** {@code code} with {@code decimals}; {@link #ZKC} for "ZKC" with 6 decimals. */
    public static Coin of(String code, int decimals) {
        Coin coin = new Coin(code, decimals);
        return coin.equals(ZKC) ? ZKC : coin;
    }
}
