package io.zkinfer.server.store;

import java.util.function.Function;

/**
 * The billing ledger's persistence: a {@link Database} with the ledger schema, and one {@link LedgerSession} per
 * transaction. Everything one session writes commits together or not at all.
 */
public final class LedgerStore implements AutoCloseable {

    private final Database database;

    private LedgerStore(Database database) {
        this.database = database;
    }

    /** Opens (and migrates) the ledger at {@code jdbcUrl}: {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}. */
    public static LedgerStore open(String jdbcUrl) {
        return new LedgerStore(Database.open(jdbcUrl));
    }

    public Database database() {
        return database;
    }

    /** Runs {@code work} in one transaction; if it throws, nothing it wrote remains. */
    public <T> T inTransaction(Function<LedgerSession, T> work) {
        return database.inTransaction(c -> work.apply(new LedgerSession(c, database.dialect())));
    }

    @Override
    public void close() {
        database.close();
    }
}
