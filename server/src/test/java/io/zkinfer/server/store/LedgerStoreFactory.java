package io.zkinfer.server.store;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The ledger stores every contract test runs against: SQLite (a fresh file) always, and PostgreSQL (a fresh schema)
 * when {@code ZKINFER_TEST_POSTGRES_URL} names one, e.g. {@code jdbc:postgresql://127.0.0.1/zkinfer?user=zkinfer&password=...}.
 * A test on an absent PostgreSQL is skipped with the reason.
 */
public interface LedgerStoreFactory {

    /** The environment variable naming the PostgreSQL test database. */
    String POSTGRES_URL = "ZKINFER_TEST_POSTGRES_URL";

    /** The engine's name, shown in test names. */
    String name();

    /** A fresh, empty, migrated store; skips the test (with the reason) if the engine is not available. */
    LedgerStore open();

    /** The JDBC URL of the last store opened, to reopen it. */
    String lastUrl();

    /** SQLite and PostgreSQL. */
    static Stream<LedgerStoreFactory> all() {
        return Stream.of(new Sqlite(), new Postgres());
    }

    /** A fresh SQLite file in a temporary directory. */
    final class Sqlite implements LedgerStoreFactory {
        private String url;

        @Override
        public String name() {
            return "sqlite";
        }

        @Override
        public LedgerStore open() {
            try {
                Path dir = Files.createTempDirectory("zkinfer-ledger-");
                dir.toFile().deleteOnExit();
                url = "jdbc:sqlite:" + dir.resolve("ledger.db");
                return LedgerStore.open(url);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public String lastUrl() {
            return url;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** A fresh schema in the PostgreSQL database named by {@link #POSTGRES_URL}. */
    final class Postgres implements LedgerStoreFactory {
        private String url;

        @Override
        public String name() {
            return "postgresql";
        }

        @Override
        public LedgerStore open() {
            String base = System.getenv(POSTGRES_URL);
            if (base == null || base.isBlank()) {
                String reason = "PostgreSQL ledger tests skipped: set " + POSTGRES_URL + "=jdbc:postgresql://HOST/DB?user=U&password=P to run them";
                System.out.println(reason);
                Assumptions.abort(reason);
            }
            String schema = "zk_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create schema " + schema + " in " + POSTGRES_URL + ": " + e.getMessage(), e);
            }
            url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            return LedgerStore.open(url);
        }

        @Override
        public String lastUrl() {
            return url;
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
