package io.zkinfer.server.access;

import io.zkinfer.server.grpc.ServiceException;
import io.zkinfer.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's API keys, kept in the {@code api_keys} table. A key is {@code zk_<key id>_<secret>} with a 256-bit
 * secret from {@link SecureRandom}; its plaintext is returned once, by {@link #issue}, and only a SHA-256 of the
 * secret is stored. {@link #authenticate} compares hashes in constant time and remembers a success for a short
 * time-to-live, so a busy key costs no database read per call; {@link #revoke} takes effect on this node at once
 * and on other nodes sharing the database within that time-to-live. Keys and secrets are never logged.
 */
public final class ApiKeys {

    /** How long a successful authentication is remembered by default. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(10);
    /** How many authenticated keys are remembered by default. */
    public static final int DEFAULT_CACHE_CAPACITY = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX_ACCOUNT_ID = 200;
    private static final int MAX_LABEL = 200;
    private static final String COLUMNS = "key_id, account_id, operator, label, created_ms, revoked_ms";

    private final Database database;
    private final Clock clock;
    private final CallerCache cache;
    private final SecureRandom random = new SecureRandom();

    /** Keys in {@code database}, with the system clock and the default cache. */
    public ApiKeys(Database database) {
        this(database, Clock.systemUTC(), DEFAULT_CACHE_TTL, DEFAULT_CACHE_CAPACITY);
    }

    /**
     * Keys in {@code database}; {@code clock} dates keys and ages the cache, which remembers up to
     * {@code cacheCapacity} authenticated keys for {@code cacheTtl} each (zero turns the cache off).
     */
    public ApiKeys(Database database, Clock clock, Duration cacheTtl, int cacheCapacity) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = new CallerCache(clock, Objects.requireNonNull(cacheTtl, "cacheTtl"), cacheCapacity);
    }

    /**
     * Issues a key for {@code accountId} ({@code operator}: whether calls with it may do operators' acts) and returns
     * it with its plaintext, which cannot be shown again: hand it to the holder and do not log it.
     */
    public IssuedApiKey issue(String accountId, boolean operator, String label) {
        requireText("account id", accountId, MAX_ACCOUNT_ID, false);
        String cleanLabel = label == null ? "" : label.strip();
        requireText("key label", cleanLabel, MAX_LABEL, true);
        Instant created = Instant.ofEpochMilli(clock.millis());
        IssuedApiKey issued = database.inTransaction(c -> {
            // Drawn inside the transaction, so a retried transaction draws a fresh key.
            String keyId = ApiKeyFormat.newKeyId(random);
            byte[] secret = ApiKeyFormat.newSecret(random);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO api_keys (key_id, account_id, operator, label, "
                    + "secret_sha256, created_ms, revoked_ms) VALUES (?, ?, ?, ?, ?, ?, NULL)")) {
                p.setString(1, keyId);
                p.setString(2, accountId);
                p.setInt(3, operator ? 1 : 0);
                p.setString(4, cleanLabel);
                p.setString(5, HEX.formatHex(ApiKeyFormat.sha256(secret)));
                p.setLong(6, created.toEpochMilli());
                p.executeUpdate();
            }
            ApiKey key = new ApiKey(keyId, accountId, operator, cleanLabel, created, Optional.empty());
            return new IssuedApiKey(key, ApiKeyFormat.format(keyId, secret));
        });
        LOG.info("issued API key {} for account {} (operator: {})", issued.key().keyId(), accountId, operator);
        return issued;
    }

    /**
     * The caller a presented key stands for; empty when it is malformed, unknown, revoked or its secret is wrong
     * (the reason is not told apart, and the key never appears in a message or log).
     */
    public Optional<Caller> authenticate(String presented) {
        Optional<ApiKeyFormat.Parsed> parsed = ApiKeyFormat.parse(presented);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        String cacheKey = HEX.formatHex(ApiKeyFormat.sha256(presented.getBytes(StandardCharsets.US_ASCII)));
        Caller cached = cache.get(cacheKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        long stamp = cache.stamp();
        String keyId = parsed.get().keyId();
        byte[] presentedHash = ApiKeyFormat.sha256(parsed.get().secret());
        Optional<Caller> caller = database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT account_id, operator, secret_sha256, revoked_ms FROM api_keys WHERE key_id = ?")) {
                p.setString(1, keyId);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    boolean matches = MessageDigest.isEqual(HEX.parseHex(r.getString("secret_sha256")), presentedHash);
                    r.getLong("revoked_ms");
                    boolean revoked = !r.wasNull();
                    return matches && !revoked
                            ? Optional.of(new Caller(r.getString("account_id"), keyId, r.getInt("operator") != 0))
                            : Optional.empty();
                }
            }
        });
        caller.ifPresent(found -> cache.put(cacheKey, found, stamp));
        return caller;
    }

    /**
     * Revokes the key {@code keyId}: from now on it authenticates nowhere (on other nodes sharing the database within
     * the cache's time-to-live). True when this call revoked it, false when it was already revoked; NOT_FOUND for an
     * unknown id.
     */
    public boolean revoke(String keyId) {
        long now = clock.millis();
        boolean revoked = database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE api_keys SET revoked_ms = ? WHERE key_id = ? AND revoked_ms IS NULL")) {
                p.setLong(1, now);
                p.setString(2, keyId);
                if (p.executeUpdate() == 1) {
                    return true;
                }
            }
            if (find(c, keyId).isEmpty()) {
                throw ServiceException.notFound("no API key with id '" + keyId
                        + "'; the id is the 12 characters after 'zk_', as listed for the account");
            }
            return false;
        });
        cache.invalidate(keyId);
        if (revoked) {
            LOG.info("revoked API key {}", keyId);
        }
        return revoked;
    }

    /** The key {@code keyId}, active or revoked, without its secret. */
    public Optional<ApiKey> find(String keyId) {
        return database.inTransaction(c -> find(c, keyId));
    }

    /** Every key of {@code accountId}, active and revoked, oldest first, without secrets. */
    public List<ApiKey> list(String accountId) {
        return database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM api_keys WHERE account_id = ? ORDER BY created_ms, key_id")) {
                p.setString(1, accountId);
                try (ResultSet r = p.executeQuery()) {
                    List<ApiKey> keys = new ArrayList<>();
                    while (r.next()) {
                        keys.add(read(r));
                    }
                    return List.copyOf(keys);
                }
            }
        });
    }

    private static Optional<ApiKey> find(Connection c, String keyId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE key_id = ?")) {
            p.setString(1, keyId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    private static ApiKey read(ResultSet r) throws SQLException {
        long revokedMs = r.getLong("revoked_ms");
        Optional<Instant> revoked = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(revokedMs));
        return new ApiKey(r.getString("key_id"), r.getString("account_id"), r.getInt("operator") != 0,
                r.getString("label"), Instant.ofEpochMilli(r.getLong("created_ms")), revoked);
    }

    private static void requireText(String what, String value, int maxLength, boolean mayBeEmpty) {
        if (value == null || (!mayBeEmpty && value.isBlank())) {
            throw new IllegalArgumentException(what + " is empty; give one");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(what + " has " + value.length() + " characters; at most "
                    + maxLength + " are allowed");
        }
    }
}
