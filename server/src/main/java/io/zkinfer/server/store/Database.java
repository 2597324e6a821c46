package io.zkinfer.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A JDBC database with the zkinfer schema, migrated on open. SQLite (the default, a file) is opened once, in WAL
 * mode with full synchronous commits and a busy timeout; since SQLite has a single writer, every transaction runs on
 * that one connection, and transactions that arrive together are committed together ({@link GroupCommit}: one disk
 * flush for the batch, each transaction in its own savepoint). PostgreSQL transactions take a connection from a pool
 * of {@link #POOL_SIZE} (HikariCP). A transaction that loses a race (serialization failure, deadlock, duplicate key,
 * a busy SQLite file) is rolled back and run again.
 */
public final class Database implements AutoCloseable {

    /** Work done inside one database transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final int ATTEMPTS = 8;
    private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;
    /**
     * WAL pages after which a commit copies the log into the database file (SQLite's default is 1,000, 4 MB): a busy
     * ledger rewrites the same few pages (balances, usage, the tails of its indexes) in every commit, and a checkpoint
     * copies each once however often it changed, so a longer log means fewer checkpoints, each with two disk flushes
     * on the committing call's path, and less written in all.
     */
    private static final int SQLITE_CHECKPOINT_PAGES = 10_000;

    private final String url;
    private final Dialect dialect;
    private final ReentrantLock writer = new ReentrantLock(true);
    private final ThreadLocal<Boolean> active = ThreadLocal.withInitial(() -> false);
    private final Connection sqlite;
    private final HikariDataSource pool;
    private final GroupCommit groupCommit;

    /** PostgreSQL connections a node keeps open at most. */
    public static final int POOL_SIZE = 16;

    private Database(String url) throws SQLException {
        this.url = url;
        this.dialect = Dialect.of(url);
        this.sqlite = dialect == Dialect.SQLITE ? openSqlite(url) : null;
        this.pool = dialect == Dialect.POSTGRESQL ? openPool(url) : null;
        this.groupCommit = sqlite == null ? null : new GroupCommit(sqlite, writer);
    }

    /** Opens {@code jdbcUrl} ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}) and applies pending migrations. */
    public static Database open(String jdbcUrl) {
        Database database;
        try {
            database = new Database(jdbcUrl);
        } catch (SQLException e) {
            throw new StoreException("cannot open database " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
        try {
            Migrations.apply(database);
            database.inTransaction(c -> {
                Migrations.requireNoUnknown(c);
                return null;
            });
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws (its exception is
     * rethrown; an {@link SQLException} as {@link StoreException}), so a failure leaves nothing written.
     */
    public <T> T inTransaction(Work<T> work) {
        if (active.get()) {
            throw new IllegalStateException("a transaction on " + redact(url) + " is already open on this thread; "
                    + "do the work inside it instead of opening a nested one");
        }
        active.set(true);
        try {
            return retrying(work);
        } finally {
            active.set(false);
        }
    }

    private <T> T retrying(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return dialect == Dialect.SQLITE ? sqliteTransaction(work) : postgresTransaction(work);
            } catch (SQLException | LedgerSession.SqlFailure failure) {
                SQLException e = failure instanceof SQLException sql ? sql : ((LedgerSession.SqlFailure) failure).sqlException();
                if (attempt < ATTEMPTS && dialect.isRetryable(e)) {
                    continue;
                }
                throw new StoreException("database transaction failed on " + redact(url) + ": " + e.getMessage(), e);
            }
        }
    }

    private <T> T sqliteTransaction(Work<T> work) throws SQLException {
        return groupCommit.run(work);
    }

    private <T> T postgresTransaction(Work<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return run(c, work);
        }
    }

    private static <T> T run(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static HikariDataSource openPool(String url) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("zkinfer-postgresql");
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
        }
    }

    private static Connection openSqlite(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("journal_mode", "WAL");
        properties.setProperty("synchronous", "FULL");
        properties.setProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MS));
        properties.setProperty("foreign_keys", "true");
        properties.setProperty("transaction_mode", "IMMEDIATE");
        // the ledger reads no generated keys; asking for them costs an extra query after every INSERT
        properties.setProperty("jdbc.get_generated_keys", "false");
        properties.setProperty("wal_autocheckpoint", Integer.toString(SQLITE_CHECKPOINT_PAGES));
        return StatementCache.wrap(DriverManager.getConnection(url, properties));
    }

    /** {@code url} without its query string, which may carry a password. */
    static String redact(String url) {
        if (url == null) {
            return "(none)";
        }
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query) + "?…";
        int at = base.indexOf('@');
        int scheme = base.indexOf("//");
        return at > 0 && scheme >= 0 && at > scheme ? base.substring(0, scheme + 2) + "…" + base.substring(at) : base;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
        if (sqlite != null) {
            writer.lock();
            try {
                sqlite.close();
            } catch (SQLException e) {
                throw new StoreException("cannot close database " + redact(url) + ": " + e.getMessage(), e);
            } finally {
                writer.unlock();
            }
        }
    }

    @Override
    public String toString() {
        return "Database[" + redact(url) + "]";
    }
}
