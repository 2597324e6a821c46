package io.zkinfer.server.billing;

import io.zkinfer.server.store.LedgerSession;
import io.zkinfer.server.store.LedgerSession.KeyRecord;
import io.zkinfer.server.store.LedgerStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Billing's idempotency keys: an operation runs once per key, in one ledger transaction with the record of its key,
 * the SHA-256 of its operation and parameters; a retry with the same key and parameters returns the first result, and
 * one with other parameters is refused ({@link IdempotencyConflictException}).
 */
final class IdempotentOperations {

    /** What an operation made: the id its key records, and the value it returns. */
    record Result<T>(String id, T value) {
    }

    private final LedgerStore store;
    private final Clock clock;

    IdempotentOperations(LedgerStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Runs {@code work} under {@code key} unless the key was used: then {@code replay} reads the first result (same
     * operation and parameters) or the call is refused (others).
     */
    <T> T run(String key, String operation, String params, Function<LedgerSession, T> replay,
              Function<LedgerSession, Result<T>> work) {
        requireKey(key);
        String hash = hash(operation, params);
        try {
            return attempt(key, operation, hash, replay, work);
        } catch (BillingException refused) {
            if (refused instanceof IdempotencyConflictException) {
                throw refused;
            }
            // Another node (or connection) may have completed this very key while we waited on a row lock, so that the
            // call now looks settled or released to us: then the retry returns that first result.
            return store.inTransaction(s -> s.findKey(key)
                    .filter(first -> first.operation().equals(operation) && first.paramsSha256().equals(hash))
                    .map(first -> replay.apply(s)))
                    .orElseThrow(() -> refused);
        }
    }

    private <T> T attempt(String key, String operation, String hash, Function<LedgerSession, T> replay,
                          Function<LedgerSession, Result<T>> work) {
        return store.inTransaction(s -> {
            var existing = s.findKey(key);
            if (existing.isPresent()) {
                KeyRecord first = existing.get();
                if (!first.operation().equals(operation) || !first.paramsSha256().equals(hash)) {
                    throw new IdempotencyConflictException(key, first.operation(), operation);
                }
                return replay.apply(s);
            }
            Result<T> result = work.apply(s);
            s.saveKey(new KeyRecord(key, operation, hash, result.id()), clock.instant());
            return result.value();
        });
    }

    /**
     * Records {@code key} as used by {@code operation} with {@code params}, in session {@code s}, for work done outside
     * {@link #run} (the sweep of expired holds), hashed as {@code run} hashes, so a retry through {@code run} replays it.
     */
    void record(LedgerSession s, String key, String operation, String params, String resultId) {
        s.saveKey(new KeyRecord(key, operation, hash(operation, params), resultId), clock.instant());
    }

    /** The id that the first run under {@code key} recorded. */
    static String resultIdOf(LedgerSession s, String key) {
        return s.findKey(key).orElseThrow().resultId();
    }

    /** The parameters that identify a run, joined (their hash is what a retry must match). */
    static String params(Object... values) {
        StringBuilder b = new StringBuilder();
        for (Object v : values) {
            b.append(v).append('\u001f');
        }
        return b.toString();
    }

    /** An optional parameter appended to {@link #params}; absent, the parameters (and their hash) are as before it existed. */
    static String note(String value) {
        return value == null ? "" : params(value);
    }

    /** What a key records of its run: the SHA-256 of the operation and its parameters. */
    private static String hash(String operation, String params) {
        return sha256(operation + "\n" + params);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw new IllegalArgumentException("idempotency key '" + key + "' must be 1 to 200 characters; send a fresh UUID per call and reuse it on retries");
        }
    }
}
