package io.zkinfer.server.store;

import java.sql.SQLException;

/**
 * The one place where SQLite and PostgreSQL differ. The schema and every statement are otherwise the same.
 */
public enum Dialect {
    /** Embedded file; one writer at a time, serialized in-process. */
    SQLITE,
    /** Shared server; rows locked with {@code FOR UPDATE}. */
    POSTGRESQL;

    /** The dialect of a JDBC URL. */
    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL '" + Database.redact(jdbcUrl)
                + "'; use jdbc:sqlite:FILE (default) or jdbc:postgresql://HOST/DB");
    }

    /** Appended to a SELECT that reads rows the transaction will update. SQLite has one writer, so none is needed. */
    public String lockRows() {
        return this == POSTGRESQL ? " FOR UPDATE" : "";
    }

    /**
     * Appended to a SELECT that claims work rows (proof jobs): rows another node has locked are skipped rather than
     * waited for, so nodes sharing a database never claim the same row. SQLite has one writer, so none is needed.
     */
    public String claimRows() {
        return this == POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /**
     * A statement that makes concurrent migrators wait for each other inside their transactions, so that nodes
     * starting together on one PostgreSQL apply each migration once; null for SQLite, whose writers are serial.
     */
    public String migrationLock() {
        return this == POSTGRESQL ? "SELECT pg_advisory_xact_lock(7246150)" : null;
    }

    /** Whether a transaction that failed with {@code e} may simply be run again (a race another writer won). */
    public boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        if (this == POSTGRESQL) {
            return "40001".equals(state) || "40P01".equals(state) || "23505".equals(state);
        }
        return e.getErrorCode() == 5 || e.getErrorCode() == 6; // SQLITE_BUSY, SQLITE_LOCKED
    }
}
