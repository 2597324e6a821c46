package io.zkinfer.server.store;

import io.zkinfer.server.billing.Call;
import io.zkinfer.server.billing.Coin;
import io.zkinfer.server.billing.InsufficientFundsException;
import io.zkinfer.server.billing.LedgerAccount;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Posting;
import io.zkinfer.server.billing.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static io.zkinfer.server.billing.LedgerAccount.clientAvailable;
import static io.zkinfer.server.billing.LedgerAccount.clientHeld;
import static io.zkinfer.server.billing.LedgerAccount.developerEarnings;
import static io.zkinfer.server.billing.LedgerAccount.external;
import static io.zkinfer.server.billing.LedgerAccount.platformRevenue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerStoreTest {

    private static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    static Stream<LedgerStoreFactory> stores() {
        return LedgerStoreFactory.all();
    }

    private static Transaction tx(String id, Transaction.Kind kind, Posting... postings) {
        return new Transaction(id, kind, "key-" + id, null, AT, List.of(postings));
    }

    /** {@code minor} from {@code from}, 70 % to developer {@code dev} and 30 % to the platform. */
    private static Transaction paidToDevAndPlatform(String id, Transaction.Kind kind, LedgerAccount from, long minor) {
        long developer = minor * 7 / 10;
        return tx(id, kind, new Posting(from, Money.zkc(-minor)), new Posting(developerEarnings("dev"), Money.zkc(developer)),
                new Posting(platformRevenue(), Money.zkc(minor - developer)));
    }

    private static Transaction deposit(String id, String client, long minor) {
        return tx(id, Transaction.Kind.DEPOSIT, new Posting(external(), Money.zkc(-minor)), new Posting(clientAvailable(client), Money.zkc(minor)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aSettlementInterruptedInsideItsTransactionLeavesNoPartialPostings(LedgerStoreFactory factory) {
        try (LedgerStore store = factory.open()) {
            store.inTransaction(s -> {
                s.post(deposit("d1", "alice", 1000));
                s.post(tx("h1", Transaction.Kind.HOLD, new Posting(clientAvailable("alice"), Money.zkc(-1000)), new Posting(clientHeld("alice"), Money.zkc(1000))));
                return null;
            });
            long postingsBefore = store.inTransaction(LedgerSession::postingCount);
            RuntimeException crash = assertThrows(RuntimeException.class, () -> store.inTransaction(s -> {
                s.post(paidToDevAndPlatform("s1", Transaction.Kind.SETTLE, clientHeld("alice"), 1000));
                s.saveKey(new LedgerSession.KeyRecord("settle-1", "settle", "hash", "s1"), AT);
                throw new IllegalStateException("simulated crash between the settlement postings and the receipt");
            }));
            assertEquals("simulated crash between the settlement postings and the receipt", crash.getMessage());
            store.inTransaction(s -> {
                assertEquals(postingsBefore, s.postingCount());
                assertEquals(Money.zkc(1000), s.balance(clientHeld("alice"), Coin.ZKC));
                assertEquals(Money.zkc(0), s.balance(developerEarnings("dev"), Coin.ZKC));
                assertEquals(Money.zkc(0), s.balance(platformRevenue(), Coin.ZKC));
                assertTrue(s.findKey("settle-1").isEmpty(), "the idempotency key rolled back with the postings");
                assertEquals(2, s.transactions().size());
                return null;
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aNegativeBalanceIsRefusedBeforeAnythingIsWritten(LedgerStoreFactory factory) {
        try (LedgerStore store = factory.open()) {
            store.inTransaction(s -> {
                s.post(deposit("d1", "alice", 500));
                return null;
            });
            InsufficientFundsException e = assertThrows(InsufficientFundsException.class, () -> store.inTransaction(s -> {
                s.post(tx("c1", Transaction.Kind.CHARGE, new Posting(clientAvailable("alice"), Money.zkc(-501)), new Posting(platformRevenue(), Money.zkc(501))));
                return null;
            }));
            assertEquals(clientAvailable("alice"), e.account());
            store.inTransaction(s -> {
                assertEquals(2, s.postingCount());
                assertEquals(Money.zkc(500), s.balance(clientAvailable("alice"), Coin.ZKC));
                assertEquals(Money.zkc(0), s.balance(platformRevenue(), Coin.ZKC));
                return null;
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theSchemaItselfRefusesANegativeBalanceThatBypassesTheCheck(LedgerStoreFactory factory) {
        try (LedgerStore store = factory.open()) {
            assertThrows(StoreException.class, () -> store.database().inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO balances (account_id, currency, minor) VALUES ('client-available:alice', 'ZKC', -1)");
                }
                return null;
            }));
            store.database().inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO balances (account_id, currency, minor) VALUES ('external:world', 'ZKC', -1)");
                }
                return null;
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void dataSurvivesReopeningAndMigrationsApplyOnce(LedgerStoreFactory factory) {
        String url;
        try (LedgerStore store = factory.open()) {
            url = factory.lastUrl();
            store.inTransaction(s -> {
                s.post(deposit("d1", "alice", 1234));
                s.addUsage("alice", "mnist", "2026-11", 3);
                return null;
            });
        }
        try (LedgerStore reopened = LedgerStore.open(url)) {
            reopened.inTransaction(s -> {
                assertEquals(Money.zkc(1234), s.balance(clientAvailable("alice"), Coin.ZKC));
                assertEquals(3, s.usage("alice", "mnist", "2026-11"));
                assertEquals(0, s.calls().count(Call.State.HELD));
                return null;
            });
            int versions = reopened.database().inTransaction(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM schema_migrations")) {
                    r.next();
                    return r.getInt(1);
                }
            });
            assertEquals(Migrations.names().size(), versions);
        }
    }

    @Test
    void sqliteRunsInWalModeWithABusyTimeout() {
        LedgerStoreFactory factory = new LedgerStoreFactory.Sqlite();
        try (LedgerStore store = factory.open()) {
            assertEquals(Dialect.SQLITE, store.database().dialect());
            String mode = store.database().inTransaction(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
                    r.next();
                    return r.getString(1);
                }
            });
            assertEquals("wal", mode.toLowerCase());
            int busy = store.database().inTransaction(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA busy_timeout")) {
                    r.next();
                    return r.getInt(1);
                }
            });
            assertTrue(busy >= 1000, "busy timeout " + busy + " ms");
        }
    }

    @Test
    void unbalancedTransactionsCannotBeBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tx("bad", Transaction.Kind.CHARGE, new Posting(clientAvailable("a"), Money.zkc(-5)), new Posting(platformRevenue(), Money.zkc(4))));
        assertEquals("transaction bad (CHARGE) does not balance: its ZKC postings sum to -1 minor units instead of 0", e.getMessage());
        assertEquals(LedgerAccount.parse("developer-earnings:dev-ann"), developerEarnings("dev-ann"));
    }

    @Test
    void migrationFilesSplitIntoStatementsAndUrlsAreRedacted() {
        assertEquals(List.of("CREATE TABLE a (x BIGINT)", "CREATE INDEX b ON a (x)"),
                Migrations.statements("-- comment\nCREATE TABLE a (x BIGINT);\n\nCREATE INDEX b ON a (x);\n"));
        assertEquals("jdbc:postgresql://db/zk?…", Database.redact("jdbc:postgresql://db/zk?user=u&password=secret"));
        assertEquals("jdbc:postgresql://…@db/zk", Database.redact("jdbc:postgresql://u:secret@db/zk"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dialect.of("jdbc:mysql://db?password=secret"));
        assertTrue(!e.getMessage().contains("secret") && e.getMessage().contains("use jdbc:sqlite:FILE"), e.getMessage());
    }

    /**
     * A credit updates its balance in place, a first credit creates the row, and a credit whose sum would not fit 64
     * bits is refused like any other bad posting: nothing of its transaction is written.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void creditsAddUpAndOneThatWouldOverflowIsRefusedWhole(LedgerStoreFactory factory) {
        try (LedgerStore store = factory.open()) {
            store.inTransaction(s -> {
                s.post(deposit("d1", "alice", 1000));
                s.post(paidToDevAndPlatform("c1", Transaction.Kind.CHARGE, clientAvailable("alice"), 100));
                s.post(paidToDevAndPlatform("c2", Transaction.Kind.CHARGE, clientAvailable("alice"), 100));
                return null;
            });
            store.inTransaction(s -> {
                assertEquals(Money.zkc(800), s.balance(clientAvailable("alice"), Coin.ZKC));
                assertEquals(Money.zkc(140), s.balance(developerEarnings("dev"), Coin.ZKC));
                assertEquals(Money.zkc(60), s.balance(platformRevenue(), Coin.ZKC));
                assertEquals(Money.zkc(-1000), s.balance(external(), Coin.ZKC));
                return null;
            });
            long huge = Long.MAX_VALUE - 100;
            assertThrows(ArithmeticException.class, () -> store.inTransaction(s -> {
                s.post(tx("big", Transaction.Kind.DEPOSIT, new Posting(external(), Money.zkc(-huge)),
                        new Posting(developerEarnings("dev"), Money.zkc(huge))));
                return null;
            }));
            store.inTransaction(s -> {
                assertEquals(Money.zkc(140), s.balance(developerEarnings("dev"), Coin.ZKC), "the overflowing credit left nothing");
                assertEquals(Money.zkc(-1000), s.balance(external(), Coin.ZKC));
                assertEquals(3, s.transactions().size());
                for (LedgerAccount a : List.of(clientAvailable("alice"), developerEarnings("dev"), platformRevenue(), external())) {
                    assertEquals(s.balanceFromPostings(a, Coin.ZKC), s.balance(a, Coin.ZKC), "cached balance of " + a);
                }
                return null;
            });
        }
    }
}
