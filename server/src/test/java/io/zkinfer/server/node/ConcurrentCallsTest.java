package io.zkinfer.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.InferResponse;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.ProofJobState;
import io.zkinfer.server.billing.Coin;
import io.zkinfer.server.billing.LedgerAccount;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Plan;
import io.zkinfer.server.billing.Transaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients calling at once, each call sent twice with its idempotency key (the retry racing the first), and a
 * balance that runs out part way: every accepted call is charged exactly once, refused ones not at all, the
 * balance never goes below zero, every transaction balances, and every hold ends settled or released.
 */
class ConcurrentCallsTest {

    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 12;
    /** Enough for 60 of the 96 calls. */
    private static final long DEPOSIT = 60 * NodeFixture.PRICE_MINOR;

    @TempDir
    Path dir;

    @Test
    void retriesNeverDoubleChargeAndTheBooksBalance() throws Exception {
        try (NodeFixture node = new NodeFixture(dir)) {
            String modelId = node.deploy(NodeFixture.DEVELOPER, NodeFixture.mlpHeader("busy"), NodeFixture.mnistMlp())
                    .getModel().getModelId();
            node.awaitBuilt(NodeFixture.DEVELOPER, modelId, 1);
            node.node.billing().setPlan(NodeFixture.CLIENT, new Plan.PayPerCall());
            node.node.billing().deposit("fund", NodeFixture.CLIENT, Money.zkc(DEPOSIT));

            Map<String, Long> chargedByKey = new ConcurrentHashMap<>();
            AtomicInteger refused = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS * 2);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    boolean prove = i % 6 == 5;
                    InferRequest r = InferRequest.newBuilder().setModel(ModelRef.newBuilder().setModelId(modelId))
                            .addInputs(NodeFixture.digit(i % 8)).setProve(prove).setAwaitProof(prove)
                            .setIdempotencyKey("t" + thread + "-c" + i).build();
                    for (int copy = 0; copy < 2; copy++) {
                        work.add(pool.submit(() -> {
                            try {
                                InferResponse a = node.inference(NodeFixture.CLIENT).infer(r);
                                long charge = a.getCharge().getMinorUnits();
                                Long first = chargedByKey.putIfAbsent(r.getIdempotencyKey(), charge);
                                assertTrue(first == null || first == charge, "a retry answers the first charge");
                                if (prove) {
                                    assertEquals(ProofJobState.PROOF_JOB_STATE_SUCCEEDED, a.getProofState());
                                }
                            } catch (StatusRuntimeException e) {
                                assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode(), e.getMessage());
                                refused.incrementAndGet();
                            }
                        }));
                    }
                }
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();

            long accepted = chargedByKey.size();
            assertTrue(refused.get() > 0, "the balance ran out part way");
            assertTrue(accepted <= DEPOSIT / NodeFixture.PRICE_MINOR, accepted + " calls accepted");
            var billing = node.node.billing();
            long available = billing.balance(LedgerAccount.clientAvailable(NodeFixture.CLIENT), Coin.ZKC).minor();
            assertEquals(DEPOSIT - accepted * NodeFixture.PRICE_MINOR, available, "each accepted call charged once");
            assertTrue(available >= 0);
            assertEquals(0, billing.balance(LedgerAccount.clientHeld(NodeFixture.CLIENT), Coin.ZKC).minor(),
                    "every hold settled or was released");
            long earned = billing.balance(LedgerAccount.developerEarnings(NodeFixture.DEVELOPER), Coin.ZKC).minor();
            long platform = billing.balance(LedgerAccount.platformRevenue(), Coin.ZKC).minor();
            assertEquals(accepted * NodeFixture.PRICE_MINOR, earned + platform);
            for (Transaction t : billing.statement(LedgerAccount.clientAvailable(NodeFixture.CLIENT))) {
                assertEquals(0, t.postings().stream().mapToLong(p -> p.amount().minor()).sum(), t.toString());
            }
        }
    }
}
