package io.zkinfer.server.store;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids for rows the ledger appends (calls, transactions, receipts, quotes, keys of calls sent without one): version 7
 * UUIDs (RFC 9562), a 48-bit Unix time in milliseconds followed by 74 random bits. An index on such ids grows at its
 * end, so a commit writes the few pages at the index's tail rather than one page per new row anywhere in the index,
 * as random (version 4) ids do; on a busy node that is most of what the ledger writes to disk. The random bits come
 * from a DRBG {@link SecureRandom}, seeded once by the system, so an id is still unguessable and costs no system
 * call.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = drbg();

    private TimeOrderedIds() {
    }

    /** A new id, in the canonical 36-character UUID form; ids made in later milliseconds sort after it. */
    public static String next() {
        return of(System.currentTimeMillis(), RANDOM).toString();
    }

    /** The version 7 UUID of {@code unixMillis} with random bits from {@code random}. */
    static UUID of(long unixMillis, SecureRandom random) {
        if (unixMillis < 0 || unixMillis >= 1L << 48) {
            throw new IllegalArgumentException("time " + unixMillis + " ms does not fit the 48 bits of a version 7 UUID");
        }
        byte[] bits = new byte[10];
        random.nextBytes(bits);
        long randA = ((bits[0] & 0xFFL) << 8 | bits[1] & 0xFFL) & 0x0FFFL;
        long randB = 0;
        for (int i = 2; i < 10; i++) {
            randB = randB << 8 | bits[i] & 0xFFL;
        }
        long most = unixMillis << 16 | 0x7000L | randA;
        long least = randB & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(most, least);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
