package io.zkinfer.verifier;

import io.zkinfer.algebra.field.Fr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Converts public inputs given as integers or decimal strings into BN254 scalar-field elements,
 * refusing — never reducing — anything that is not a canonical element of {@code [0, r)}:
 * accepting {@code x + r} for {@code x} would let one proof "verify" for several distinct statements
 * as far as the caller can tell. Failures throw {@link InvalidPublicInputException} naming the index.
 */
public final class PublicInputs {

    /** A canonical decimal: no sign, no leading zeros (except "0" itself), digits only. */
    private static final Pattern CANONICAL_DECIMAL = Pattern.compile("0|[1-9][0-9]*");

    private PublicInputs() {
    }

    /**
     * Checks there are exactly {@code expectedCount} inputs and each is in {@code [0, r)}.
     *
     * @throws InvalidPublicInputException on a wrong count, a null, a negative value or a value {@code >= r}
     */
    public static List<Fr> fromBigIntegers(List<BigInteger> values, int expectedCount) {
        requireCount(values, expectedCount);
        List<Fr> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(toField(i, values.get(i)));
        }
        return List.copyOf(out);
    }

    /**
     * Like {@link #fromBigIntegers} for decimal strings, which must be canonical (digits only, no sign,
     * no leading zeros, no whitespace) — the form snarkjs writes in {@code public.json}.
     */
    public static List<Fr> fromDecimals(List<String> values, int expectedCount) {
        requireCount(values, expectedCount);
        List<Fr> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(toField(i, parseDecimal(i, values.get(i))));
        }
        return List.copyOf(out);
    }

    /** Parses one canonical decimal string without range-checking it against r. */
    static BigInteger parseDecimal(int index, String s) {
        if (s == null) {
            throw new InvalidPublicInputException(index, "public input [" + index + "] is missing (null)");
        }
        if (!CANONICAL_DECIMAL.matcher(s).matches()) {
            throw new InvalidPublicInputException(index, "public input [" + index + "] = \"" + abbreviate(s)
                    + "\" is not a canonical decimal integer (digits only, no sign, no leading zeros)");
        }
        return new BigInteger(s);
    }

    static Fr toField(int index, BigInteger v) {
        if (v == null) {
            throw new InvalidPublicInputException(index, "public input [" + index + "] is missing (null)");
        }
        if (v.signum() < 0) {
            throw new InvalidPublicInputException(index, "public input [" + index + "] = " + v
                    + " is negative; public inputs are elements of the BN254 scalar field [0, r)");
        }
        if (v.compareTo(Fr.MODULUS) >= 0) {
            throw new InvalidPublicInputException(index, "public input [" + index + "] = " + v
                    + " is not reduced modulo r (it is >= r = " + Fr.MODULUS + "); the verifier never"
                    + " reduces silently — pass the canonical value in [0, r)");
        }
        return Fr.of(v);
    }

    static void requireCount(List<?> values, int expectedCount) {
        if (values == null) {
            throw new InvalidPublicInputException(InvalidPublicInputException.NO_INDEX,
                    "public inputs are missing (null); expected " + expectedCount);
        }
        if (values.size() != expectedCount) {
            throw InvalidPublicInputException.wrongCount(expectedCount, values.size());
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "…(" + s.length() + " chars)";
    }
}
