package io.zkinfer.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit on SQLite's one connection. A commit in FULL synchronous mode waits for the disk, so one writer that
 * commits each transaction alone is bound by the disk's flush rate. Instead, transactions that arrive while another
 * batch is being written wait in a queue; whoever holds the writer lock next runs every waiting transaction in one
 * database transaction, each inside its own savepoint, and commits them with one flush. A transaction that throws is
 * rolled back to its savepoint, so it writes nothing and the others are unaffected; its caller gets its exception.
 * The batch runs in arrival order, so the result is the same as running them one after another.
 */
final class GroupCommit {

    /** The most transactions one commit carries. */
    static final int MAX_BATCH = 64;

    private final Connection connection;
    private final ReentrantLock writer;
    private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();

    GroupCommit(Connection connection, ReentrantLock writer) {
        this.connection = connection;
        this.writer = writer;
    }

    /** Runs {@code work} in a transaction of the next batch; its result, or its failure. */
    <T> T run(Database.Work<T> work) throws SQLException {
        Pending<T> mine = new Pending<>(work);
        queue.add(mine);
        writer.lock();
        try {
            while (!mine.done) {
                execute(drain());
            }
        } finally {
            writer.unlock();
        }
        return mine.outcome();
    }

    private List<Pending<?>> drain() {
        List<Pending<?>> batch = new ArrayList<>();
        for (Pending<?> p = queue.poll(); p != null; p = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(p);
        }
        return batch;
    }

    private void execute(List<Pending<?>> batch) {
        try {
            connection.setAutoCommit(false);
            for (Pending<?> p : batch) {
                p.runIn(connection);
            }
            connection.commit();
        } catch (SQLException | RuntimeException | Error e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            for (Pending<?> p : batch) {
                p.failIfUnset(e);
            }
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                batch.forEach(p -> p.failIfUnset(e));
            }
            batch.forEach(p -> p.done = true);
        }
    }

    /** One queued transaction and, once its batch ran, its result or failure. */
    private static final class Pending<T> {
        private final Database.Work<T> work;
        private T result;
        private Throwable failure;
        private boolean ran;
        volatile boolean done;

        Pending(Database.Work<T> work) {
            this.work = work;
        }

        /** Runs the work in its own savepoint; a failure rolls back to it and is kept for the caller. */
        void runIn(Connection c) throws SQLException {
            Savepoint savepoint = c.setSavepoint();
            try {
                result = work.run(c);
                c.releaseSavepoint(savepoint);
                ran = true;
            } catch (SQLException | RuntimeException e) {
                c.rollback(savepoint);
                failure = e;
            }
        }

        /** The batch's commit failed: a transaction that had succeeded fails with it (nothing of it was written). */
        void failIfUnset(Throwable e) {
            if (failure == null || ran) {
                failure = e;
                ran = false;
            }
        }

        T outcome() throws SQLException {
            if (failure == null) {
                return result;
            }
            if (failure instanceof SQLException sql) {
                throw sql;
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) failure;
        }
    }
}
