package io.zkinfer.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Nodes starting together on one fresh database apply each migration exactly once, and all of them start. */
class ConcurrentMigrationTest {

    static List<LedgerStoreFactory> engines() {
        return LedgerStoreFactory.all().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void nodesStartingTogetherMigrateOnce(LedgerStoreFactory engine) throws Exception {
        engine.open().close();
        String url = engine.lastUrl();
        try (Database first = Database.open(url)) {
            first.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DELETE FROM schema_migrations WHERE version > 1");
                    s.execute("DROP TABLE registry_requests");
                    s.execute("DROP TABLE model_versions");
                    s.execute("DROP TABLE models");
                    s.execute("DROP TABLE api_keys");
                    s.execute("DROP TABLE proof_jobs");
                    s.execute("DROP TABLE payouts");
                    s.execute("DROP TABLE quotes");
                }
                return null;
            });
        }
        int nodes = 4;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Database>> opened = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            opened.add(pool.submit(() -> {
                start.await();
                return Database.open(url);
            }));
        }
        start.countDown();
        List<Database> databases = new ArrayList<>();
        try {
            for (Future<Database> f : opened) {
                databases.add(f.get());
            }
            int applied = databases.get(0).inTransaction(c -> {
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations")) {
                    r.next();
                    assertEquals(r.getInt(1), r.getInt(2), "no migration recorded twice");
                    return r.getInt(1);
                }
            });
            assertEquals(Migrations.names().size(), applied);
        } finally {
            databases.forEach(Database::close);
            pool.shutdown();
        }
    }
}
