package io.zkinfer.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions committed together on SQLite behave as if each ran alone: one that throws leaves nothing, the others
 * keep everything, and each caller gets its own result or its own failure.
 */
class GroupCommitTest {

    @TempDir
    Path dir;

    @Test
    void concurrentTransactionsCommitTogetherAndFailAlone() throws Exception {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("group.db"))) {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, thread INTEGER NOT NULL)");
                }
                return null;
            });
            int threads = 8;
            int each = 150;
            AtomicInteger refused = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        int id = thread * each + i;
                        boolean fails = id % 7 == 3;
                        try {
                            int written = db.inTransaction(c -> {
                                try (PreparedStatement p = c.prepareStatement("INSERT INTO scratch VALUES (?, ?)")) {
                                    p.setInt(1, id);
                                    p.setInt(2, thread);
                                    p.executeUpdate();
                                }
                                if (fails) {
                                    throw new IllegalStateException("refused " + id);
                                }
                                return id;
                            });
                            assertEquals(id, written, "each caller gets its own result");
                        } catch (IllegalStateException e) {
                            assertEquals("refused " + id, e.getMessage(), "each caller gets its own failure");
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            int total = threads * each;
            int expectedRefused = (int) java.util.stream.IntStream.range(0, total).filter(id -> id % 7 == 3).count();
            assertEquals(expectedRefused, refused.get());
            int rows = db.inTransaction(c -> {
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT COUNT(*), SUM(CASE WHEN id % 7 = 3 THEN 1 ELSE 0 END)"
                             + " FROM scratch")) {
                    r.next();
                    assertEquals(0, r.getInt(2), "a refused transaction wrote nothing");
                    return r.getInt(1);
                }
            });
            assertEquals(total - expectedRefused, rows, "every other transaction kept its row");
            assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> db.inTransaction(d -> 1)),
                    "nesting is still refused");
        }
    }

    @Test
    void aTransactionAloneInItsBatchThatThrowsLeavesNothing() {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("alone.db"))) {
            createScratch(db);
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
                insert(c, 1, 0);
                insert(c, 2, 0);
                throw new IllegalStateException("refused after two rows");
            }));
            assertEquals("refused after two rows", refused.getMessage());
            assertEquals(0, count(db), "the lone batch was rolled back whole");
            assertEquals(3, (int) db.inTransaction(c -> {
                insert(c, 3, 0);
                return 3;
            }));
            assertEquals(1, count(db), "the connection commits again after the rollback");
        }
    }

    @Test
    void anInterruptedCallerStillGetsItsResultAndKeepsItsInterrupt() throws Exception {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("interrupt.db"))) {
            createScratch(db);
            int threads = 4;
            int each = 200;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Boolean>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    Thread.currentThread().interrupt();
                    for (int i = 0; i < each; i++) {
                        int id = thread * each + i;
                        assertEquals(id, (int) db.inTransaction(c -> {
                            insert(c, id, thread);
                            return id;
                        }));
                    }
                    return Thread.interrupted();
                }));
            }
            for (Future<Boolean> f : work) {
                assertTrue(f.get(), "the caller's interrupt is still set after its transactions");
            }
            pool.shutdown();
            assertEquals(threads * each, count(db), "every transaction of the interrupted callers committed");
        }
    }

    private static void createScratch(Database db) {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, thread INTEGER NOT NULL)");
            }
            return null;
        });
    }

    private static void insert(Connection c, int id, int thread) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO scratch VALUES (?, ?)")) {
            p.setInt(1, id);
            p.setInt(2, thread);
            p.executeUpdate();
        }
    }

    private static int count(Database db) {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM scratch")) {
                r.next();
                return r.getInt(1);
            }
        });
    }
}
