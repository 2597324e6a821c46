package io.zkinfer.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit on SQLite's one connection. A commit in FULL synchronous mode waits for the disk, so one writer that
 * commits each transaction alone is bound by the disk's flush rate. Instead, transactions that arrive while another
 * batch is being written wait in a queue; whoever takes the writer lock next runs every waiting transaction in one
 * database transaction, each inside its own savepoint, and commits them with one flush. A transaction that throws is
 * rolled back to its savepoint, so it writes nothing and the others are unaffected; its caller gets its exception.
 * The batch runs in arrival order, so the result is the same as running them one after another. A batch of one needs
 * no savepoint: its failure rolls back the whole transaction.
 *
 * <p>Only the thread that runs a batch holds the lock. The others park, and the batch's runner wakes each of them
 * when its result is in; on leaving, the runner wakes the thread at the head of the queue, which runs the next batch.
 * So a finished caller never queues for the lock just to learn that its work is done.
 */
final class GroupCommit {

    /** The most transactions one commit carries. */
    static final int MAX_BATCH = 64;
    /** The longest a waiting caller parks before it looks at its work and the lock again. */
    private static final long PARK_NANOS = 1_000_000;

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
        boolean interrupted = false;
        while (!mine.done) {
            if (writer.tryLock()) {
                try {
                    while (!mine.done) {
                        execute(drain());
                    }
                } finally {
                    writer.unlock();
                }
                Pending<?> next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.caller);
                }
            } else {
                // woken when a batch ran this work, or when a runner left and this work heads the queue; the timeout
                // covers the lock's other holder, the database's close, which wakes no one
                LockSupport.parkNanos(this, PARK_NANOS);
                // queued work runs whatever happens, so an interrupt waits for it (and stays set) rather than spin
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
        boolean alone = batch.size() == 1;
        try {
            connection.setAutoCommit(false);
            for (Pending<?> p : batch) {
                p.runIn(connection, !alone);
            }
            if (alone && batch.get(0).failure != null) {
                connection.rollback();
            } else {
                connection.commit();
            }
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
            for (Pending<?> p : batch) {
                p.done = true;
                LockSupport.unpark(p.caller);
            }
        }
    }

    /** One queued transaction and, once its batch ran, its result or failure. */
    private static final class Pending<T> {
        private final Database.Work<T> work;
        private final Thread caller = Thread.currentThread();
        private T result;
        private Throwable failure;
        private boolean ran;
        volatile boolean done;

        Pending(Database.Work<T> work) {
            this.work = work;
        }

        /**
         * Runs the work, in its own savepoint when {@code savepoint}; a failure rolls back to the savepoint and is kept
         * for the caller (without a savepoint, the batch's runner rolls back the transaction).
         */
        void runIn(Connection c, boolean savepoint) throws SQLException {
            Savepoint mark = savepoint ? c.setSavepoint() : null;
            try {
                result = work.run(c);
                if (mark != null) {
                    c.releaseSavepoint(mark);
                }
                ran = true;
            } catch (SQLException | RuntimeException e) {
                if (mark != null) {
                    c.rollback(mark);
                }
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
