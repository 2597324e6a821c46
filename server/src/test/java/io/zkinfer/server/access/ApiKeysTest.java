package io.zkinfer.server.access;

import io.grpc.Status;
import io.zkinfer.server.grpc.ServiceException;
import io.zkinfer.server.store.LedgerStore;
import io.zkinfer.server.store.LedgerStoreFactory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeysTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(10);

    static Stream<LedgerStoreFactory> stores() {
        return LedgerStoreFactory.all();
    }

    private static String secretPart(String plaintext) {
        return plaintext.substring("zk_".length() + 12 + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anIssuedKeyAuthenticatesAsItsAccountUntilRevoked(LedgerStoreFactory factory) {
        ManualTime time = new ManualTime(START);
        try (LedgerStore store = factory.open()) {
            ApiKeys keys = new ApiKeys(store.database(), time.clock(), TTL, 100);
            IssuedApiKey alice = keys.issue("alice", false, "  laptop ");
            IssuedApiKey ops = keys.issue("ops", true, null);
            String id = alice.key().keyId();

            assertTrue(alice.plaintext().matches("zk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}"), "key format");
            assertEquals("zk_" + id + "_", alice.plaintext().substring(0, 16));
            assertFalse(alice.toString().contains(secretPart(alice.plaintext())), alice.toString());
            assertEquals(new ApiKey(id, "alice", false, "laptop", START, Optional.empty()), alice.key());
            assertEquals(Optional.of(new Caller("alice", id, false)), keys.authenticate(alice.plaintext()));
            assertEquals(Optional.of(new Caller("ops", ops.key().keyId(), true)), keys.authenticate(ops.plaintext()));
            assertEquals(List.of(alice.key()), keys.list("alice"));

            time.advance(Duration.ofMinutes(3));
            assertTrue(keys.revoke(id));
            assertEquals(Optional.empty(), keys.authenticate(alice.plaintext()), "revoked on this node: refused at once");
            assertFalse(keys.revoke(id), "a second revocation changes nothing");
            ApiKey revoked = keys.list("alice").get(0);
            assertEquals(Optional.of(START.plus(Duration.ofMinutes(3))), revoked.revoked());
            assertFalse(revoked.active());
            assertEquals(Optional.of(revoked), keys.find(id));
            assertTrue(keys.authenticate(ops.plaintext()).isPresent(), "other keys are untouched");
            assertEquals(List.of(), keys.list("nobody"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void storedRowsHoldOnlyAHashOfTheSecret(LedgerStoreFactory factory) {
        try (LedgerStore store = factory.open()) {
            ApiKeys keys = new ApiKeys(store.database());
            IssuedApiKey issued = keys.issue("alice", false, "ci");
            String secretText = secretPart(issued.plaintext());
            byte[] secret = Base64.getUrlDecoder().decode(secretText);
            List<String> cells = store.database().inTransaction(c -> {
                List<String> all = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM api_keys")) {
                    ResultSetMetaData meta = r.getMetaData();
                    while (r.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            all.add(String.valueOf(r.getString(i)));
                        }
                    }
                }
                return all;
            });
            String secretHex = HexFormat.of().formatHex(secret);
            String secretBase64 = Base64.getEncoder().encodeToString(secret);
            for (String cell : cells) {
                assertFalse(cell.contains(secretText) || cell.contains(issued.plaintext())
                        || cell.toLowerCase().contains(secretHex) || cell.contains(secretBase64.substring(0, 40)),
                        "a stored cell holds the secret: column value of length " + cell.length());
            }
            String stored = store.database().inTransaction(c -> {
                try (PreparedStatement p = c.prepareStatement("SELECT secret_sha256 FROM api_keys WHERE key_id = ?")) {
                    p.setString(1, issued.key().keyId());
                    try (ResultSet r = p.executeQuery()) {
                        assertTrue(r.next());
                        return r.getString(1);
                    }
                }
            });
            assertEquals(HexFormat.of().formatHex(ApiKeyFormat.sha256(secret)), stored);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aRightKeyIdWithAWrongSecretIsRefused(LedgerStoreFactory factory) {
        try (LedgerStore store = factory.open()) {
            ApiKeys keys = new ApiKeys(store.database());
            IssuedApiKey alice = keys.issue("alice", true, "");
            IssuedApiKey bob = keys.issue("bob", false, "");
            byte[] other = new byte[32];
            new SecureRandom().nextBytes(other);
            String prefix = "zk_" + alice.key().keyId() + "_";
            assertEquals(Optional.empty(), keys.authenticate(prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(other)));
            assertEquals(Optional.empty(), keys.authenticate(prefix + secretPart(bob.plaintext())), "bob's secret under alice's id");
            assertEquals(Optional.empty(), keys.authenticate("zk_" + bob.key().keyId() + "_" + secretPart(alice.plaintext())));
            char last = alice.plaintext().charAt(20);
            String oneCharOff = alice.plaintext().substring(0, 20) + (last == 'A' ? 'B' : 'A') + alice.plaintext().substring(21);
            assertEquals(Optional.empty(), keys.authenticate(oneCharOff));
            assertTrue(keys.authenticate(alice.plaintext()).isPresent(), "the right key still works after the refusals");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aRevocationOnAnotherNodeTakesEffectWithinTheCacheTimeToLive(LedgerStoreFactory factory) {
        ManualTime time = new ManualTime(START);
        try (LedgerStore store = factory.open()) {
            ApiKeys nodeA = new ApiKeys(store.database(), time.clock(), TTL, 100);
            ApiKeys nodeB = new ApiKeys(store.database(), time.clock(), TTL, 100);
            IssuedApiKey key = nodeA.issue("alice", false, "");
            assertTrue(nodeB.authenticate(key.plaintext()).isPresent());
            assertTrue(nodeA.revoke(key.key().keyId()));
            assertTrue(nodeB.authenticate(key.plaintext()).isPresent(), "node B answers from its cache");
            time.advance(TTL.minusMillis(1));
            assertTrue(nodeB.authenticate(key.plaintext()).isPresent(), "still inside the time-to-live");
            time.advance(Duration.ofMillis(1));
            assertEquals(Optional.empty(), nodeB.authenticate(key.plaintext()), "expired: node B reads the revocation");
            assertEquals(Optional.empty(), nodeA.authenticate(key.plaintext()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aCachedKeyIsServedWithoutTheDatabaseAndAZeroTtlTurnsTheCacheOff(LedgerStoreFactory factory) {
        ManualTime time = new ManualTime(START);
        try (LedgerStore store = factory.open()) {
            ApiKeys cached = new ApiKeys(store.database(), time.clock(), TTL, 100);
            ApiKeys uncached = new ApiKeys(store.database(), time.clock(), Duration.ZERO, 100);
            IssuedApiKey key = cached.issue("alice", false, "");
            assertTrue(cached.authenticate(key.plaintext()).isPresent());
            assertTrue(uncached.authenticate(key.plaintext()).isPresent());
            store.database().inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("DELETE FROM api_keys");
                }
            });
            assertTrue(cached.authenticate(key.plaintext()).isPresent(), "served from the cache, no database read");
            assertEquals(Optional.empty(), uncached.authenticate(key.plaintext()), "without a cache every call reads");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void revokingAnUnknownKeyIsNotFound(LedgerStoreFactory factory) {
        try (LedgerStore store = factory.open()) {
            ApiKeys keys = new ApiKeys(store.database());
            ServiceException e = assertThrows(ServiceException.class, () -> keys.revoke("abcdefghijkl"));
            assertEquals(Status.Code.NOT_FOUND, e.code());
            assertTrue(e.getMessage().contains("'abcdefghijkl'"), e.getMessage());
        }
    }

    @Test
    void malformedKeysAreUnknownWithoutReachingTheDatabase() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        try (LedgerStore store = new LedgerStoreFactory.Sqlite().open()) {
            ApiKeys keys = new ApiKeys(store.database());
            String good = keys.issue("alice", false, "").plaintext();
            // The 43rd secret character carries 4 bits and 2 spare ones that must be zero; setting one spells the
            // same 32 bytes a second way.
            char last = good.charAt(good.length() - 1);
            String spareBitSet = good.substring(0, good.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);
            store.close();
            // The database is closed now: a key that reached it would fail with a StoreException instead.
            List<String> malformed = List.of("", "zk_", "garbage", good + "A", good.substring(1), "zK_" + good.substring(3),
                    "zk_A" + good.substring(4), good.substring(0, 15) + "-" + good.substring(16),
                    good.substring(0, 20) + "!" + good.substring(21), spareBitSet, "x".repeat(100_000));
            for (String presented : malformed) {
                assertEquals(Optional.empty(), keys.authenticate(presented), "malformed key of " + presented.length()
                        + " characters");
            }
            assertEquals(Optional.empty(), keys.authenticate(null));
        }
    }

    @Test
    void issuingRefusesAnEmptyAccountOrAnOverlongLabel() {
        try (LedgerStore store = new LedgerStoreFactory.Sqlite().open()) {
            ApiKeys keys = new ApiKeys(store.database());
            IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> keys.issue(" ", false, ""));
            assertEquals("account id is empty; give one", blank.getMessage());
            IllegalArgumentException longLabel = assertThrows(IllegalArgumentException.class,
                    () -> keys.issue("alice", false, "x".repeat(201)));
            assertEquals("key label has 201 characters; at most 200 are allowed", longLabel.getMessage());
            assertEquals(List.of(), keys.list("alice"));
        }
    }

    @Test
    void keyIdsAndSecretsAreFreshEachTime() {
        SecureRandom random = new SecureRandom();
        String a = ApiKeyFormat.format(ApiKeyFormat.newKeyId(random), ApiKeyFormat.newSecret(random));
        String b = ApiKeyFormat.format(ApiKeyFormat.newKeyId(random), ApiKeyFormat.newSecret(random));
        assertFalse(a.substring(3, 15).equals(b.substring(3, 15)) || secretPart(a).equals(secretPart(b)));
        assertTrue(ApiKeyFormat.parse(a).isPresent());
        assertEquals(a.getBytes(StandardCharsets.US_ASCII).length, 59);
    }
}
