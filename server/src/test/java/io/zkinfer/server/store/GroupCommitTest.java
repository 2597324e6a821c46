package io.zkinfer.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
}
