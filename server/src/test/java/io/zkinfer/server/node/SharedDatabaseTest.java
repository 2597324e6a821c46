package io.zkinfer.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.zkinfer.api.ModelUploads;
import io.zkinfer.api.ZkinferClient;
import io.zkinfer.api.v1.GetModelRequest;
import io.zkinfer.api.v1.GetProofJobRequest;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.ProofJob;
import io.zkinfer.api.v1.ProofJobState;
import io.zkinfer.api.v1.SubmitProofRequest;
import io.zkinfer.api.v1.VersionStatus;
import io.zkinfer.server.NodeConfig;
import io.zkinfer.server.ZkinferNode;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Plan;
import io.zkinfer.server.store.LedgerStoreFactory;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two nodes on one database (and one model store): a model deployed through one serves on the other, and proof
 * jobs submitted to one are proven by both, each exactly once (every job claimed one time), each charge settled.
 * Runs on SQLite and, when a test PostgreSQL is configured, on PostgreSQL with its row locks.
 */
class SharedDatabaseTest {

    private static final int JOBS = 6;

    @TempDir
    Path dir;

    static List<LedgerStoreFactory> engines() {
        return LedgerStoreFactory.all().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void twoNodesShareModelsAndProveEachJobOnce(LedgerStoreFactory engine) throws Exception {
        engine.open().close();
        String url = engine.lastUrl();
        NodeConfig base = NodeConfig.defaults(dir).withJdbcUrl(url);
        String a = "a-" + UUID.randomUUID();
        String b = "b-" + UUID.randomUUID();
        try (ZkinferNode nodeA = ZkinferNode.start(base.inProcess(a));
             ZkinferNode nodeB = ZkinferNode.start(base.inProcess(b))) {
            String devKey = nodeA.apiKeys().issue(NodeFixture.DEVELOPER, false, "shared").plaintext();
            String clientKey = nodeA.apiKeys().issue(NodeFixture.CLIENT, false, "shared").plaintext();
            nodeA.billing().setPlan(NodeFixture.CLIENT, new Plan.PayPerCall());
            nodeA.billing().deposit("shared-fund", NodeFixture.CLIENT, Money.zkc(1_000_000));
            try (ZkinferClient devA = client(a, devKey); ZkinferClient clientA = client(a, clientKey);
                 ZkinferClient clientB = client(b, clientKey)) {
                String modelId = ModelUploads.deploy(devA.modelsAsync(), NodeFixture.mlpHeader("shared"),
                        new ByteArrayInputStream(NodeFixture.mnistMlp()), Duration.ofSeconds(60)).getModel()
                        .getModelId();
                awaitReady(clientB, modelId);
                List<String> jobs = new ArrayList<>();
                for (int i = 0; i < JOBS; i++) {
                    jobs.add(clientA.inference().submitProof(SubmitProofRequest.newBuilder()
                            .setModel(ModelRef.newBuilder().setModelId(modelId)).addInputs(NodeFixture.digit(i))
                            .setIdempotencyKey("shared-" + i).build()).getJobId());
                }
                for (String job : jobs) {
                    ProofJob done = awaitEnd(clientB, job);
                    assertEquals(ProofJobState.PROOF_JOB_STATE_SUCCEEDED, done.getState(), done.getStatusMessage());
                    assertEquals(NodeFixture.PRICE_MINOR, done.getCharge().getMinorUnits());
                }
            }
            assertEquals(1_000_000 - JOBS * NodeFixture.PRICE_MINOR,
                    nodeB.billing().balance(io.zkinfer.server.billing.LedgerAccount.clientAvailable(
                            NodeFixture.CLIENT), io.zkinfer.server.billing.Coin.ZKC).minor());
        }
        Set<String> provers = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement p = c.prepareStatement("SELECT attempts, claimed_by FROM proof_jobs");
             ResultSet r = p.executeQuery()) {
            int rows = 0;
            while (r.next()) {
                rows++;
                assertEquals(1, r.getInt(1), "each job is claimed once");
                provers.add(r.getString(2));
            }
            assertEquals(JOBS, rows);
        }
        assertTrue(provers.size() >= 1, "jobs were proven by " + provers);
    }

    private final List<ManagedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() {
        channels.forEach(ManagedChannel::shutdownNow);
    }

    private ZkinferClient client(String name, String key) {
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        channels.add(channel);
        return ZkinferClient.over(channel, key, Duration.ofSeconds(60));
    }

    private static void awaitReady(ZkinferClient c, String modelId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (c.models().getModel(GetModelRequest.newBuilder().setModelId(modelId).setIncludeVersions(true).build())
                    .getVersions(0).getStatus() == VersionStatus.VERSION_STATUS_READY) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the model did not build");
    }

    private static ProofJob awaitEnd(ZkinferClient c, String job) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            ProofJob j = c.inference().getProofJob(GetProofJobRequest.newBuilder().setJobId(job).build());
            if (j.getState() != ProofJobState.PROOF_JOB_STATE_QUEUED
                    && j.getState() != ProofJobState.PROOF_JOB_STATE_RUNNING) {
                return j;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("proof job " + job + " did not end");
    }
}
