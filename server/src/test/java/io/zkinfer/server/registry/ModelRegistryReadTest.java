package io.zkinfer.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.api.v1.DeployHeader;
import io.zkinfer.api.v1.UpgradeHeader;
import io.zkinfer.server.store.Database;
import io.zkinfer.server.store.LedgerStoreFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ModelRegistry#described} reads a model and its versions as one write left them: while versions become ready
 * and active one after another, every answer's active version is its newest ready one, never the one before. Two
 * separate reads (a cached model, then a fresh version list) fail this on both engines, and so does one PostgreSQL
 * transaction that reads the model without locking its row, since each read-committed statement sees its own
 * snapshot.
 */
class ModelRegistryReadTest {

    private static final String OWNER = "acct-dev";
    private static final int UPGRADES = 40;

    static List<LedgerStoreFactory> engines() {
        return LedgerStoreFactory.all().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aVersionMadeReadyAndActiveShowsAsBothOrNeither(LedgerStoreFactory engine, @TempDir Path dir)
            throws Exception {
        engine.open().close();
        try (Database database = Database.open(engine.lastUrl())) {
            ModelRegistry registry = new ModelRegistry(database, new ModelFiles(dir.resolve("models")),
                    Clock.systemUTC(), (modelId, owner, pricing) -> { });
            String modelId = registry.deploy(OWNER, DeployHeader.newBuilder().setName("racing").build(),
                    upload(dir, 0), "").model().modelId();
            registry.ready(registry.described(modelId).versions().get(0).withStatus(VersionStatus.READY, "ready"));

            AtomicBoolean building = new AtomicBoolean(true);
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> reads = reader.submit(() -> {
                    int n = 0;
                    while (building.get()) {
                        assertConsistent(registry.described(modelId));
                        n++;
                    }
                    return n;
                });
                for (int i = 1; i <= UPGRADES; i++) {
                    VersionRecord next = registry.upgrade(OWNER, UpgradeHeader.newBuilder().setModelId(modelId)
                            .setActivateWhenReady(true).build(), upload(dir, i), "").version();
                    registry.ready(next.withStatus(VersionStatus.READY, "ready"));
                }
                building.set(false);
                int n = reads.get();
                System.out.println(engine + ": " + n + " reads while " + UPGRADES + " versions became active");
                assertTrue(n > 0, "the reader ran");
            } finally {
                building.set(false);
                reader.shutdownNow();
            }
            assertEquals(UPGRADES + 1, registry.described(modelId).model().activeVersion());
        }
    }

    private static void assertConsistent(ModelRegistry.Described d) {
        long newestReady = d.versions().stream().filter(v -> v.status() == VersionStatus.READY)
                .mapToLong(VersionRecord::version).max().orElse(0);
        assertEquals(newestReady, d.model().activeVersion(),
                "the active version is the newest ready one in the same answer");
    }

    /** A stored upload with distinct bytes (the registry keeps files by content; it does not parse them). */
    private static Upload.Received upload(Path dir, int n) throws Exception {
        byte[] bytes = ("model file " + n).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("upload-" + n), bytes);
        String sha256 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        return new Upload.Received(file, sha256, bytes.length);
    }
}
