package io.zkinfer.server.billing;

import io.zkinfer.server.store.LedgerStoreFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.zkinfer.server.billing.BillingFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 16 threads run 8 scripts of calls, each script by two threads at once and every operation retried with its
 * idempotency key, against clients whose funds run out: no call is charged twice, every transaction balances, no
 * balance goes negative, and every hold ends settled or released.
 */
class LedgerConcurrencyTest {

    private static final int SCRIPTS = 8;
    private static final int THREADS_PER_SCRIPT = 2;
    private static final int STEPS = 40;
    private static final String[] CLIENTS = {"c0", "c1", "c2", "c3"};

    static Stream<LedgerStoreFactory> stores() {
        return LedgerStoreFactory.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void parallelClientsWithRetriesNeverDoubleChargeAndHoldsAllEnd(LedgerStoreFactory factory) throws Exception {
        long seed = TestSeed.seed("LedgerConcurrencyTest[" + factory.name() + "]");
        try (BillingFixture f = new BillingFixture(factory)) {
            long deposits = 0;
            for (String client : CLIENTS) {
                f.billing.setPlan(client, new Plan.PayPerCall());
                f.billing.deposit("dep-" + client, client, Money.zkc(50 * BillingFixture.PRICE.minor()));
                deposits += 50 * BillingFixture.PRICE.minor();
            }
            Map<String, String> callOfKey = new ConcurrentHashMap<>();
            AtomicInteger refused = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(SCRIPTS * THREADS_PER_SCRIPT);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < SCRIPTS * THREADS_PER_SCRIPT; t++) {
                int script = t % SCRIPTS;
                futures.add(pool.submit(() -> {
                    start.await();
                    runScript(f, new Random(seed + script), script, callOfKey, refused);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();

            // abandoned holds expire and are swept
            f.clock.advance(Duration.ofMinutes(2));
            int swept = f.billing.releaseExpiredHolds();
            f.assertInvariants();
            f.assertNoOpenHolds();

            long calls = f.read(s -> s.calls().count(Call.State.CHARGED) + s.calls().count(Call.State.SETTLED) + s.calls().count(Call.State.RELEASED));
            assertEquals(callOfKey.size(), calls, "one call per successful key");
            long paid = f.read(s -> {
                long sum = 0;
                Map<String, Integer> perCallAndKind = new java.util.HashMap<>();
                for (Transaction tx : s.transactions()) {
                    if (tx.callId() != null) {
                        perCallAndKind.merge(tx.callId() + "/" + tx.kind(), 1, Integer::sum);
                    }
                    if (tx.kind() == Transaction.Kind.CHARGE || tx.kind() == Transaction.Kind.SETTLE) {
                        sum += tx.postings().stream().filter(p -> p.amount().minor() > 0).mapToLong(p -> p.amount().minor()).sum();
                    }
                }
                perCallAndKind.forEach((k, n) -> assertEquals(1, n, "transactions of " + k));
                for (String callId : callOfKey.values()) {
                    Call call = s.calls().get(callId, false).orElseThrow();
                    if (call.state() == Call.State.SETTLED) {
                        assertTrue(s.receipt(callId).isPresent(), "settled call " + callId + " has a receipt");
                    }
                }
                return sum;
            });
            long earned = f.balance(LedgerAccount.developerEarnings(BillingFixture.DEVELOPER)).minor() + f.balance(LedgerAccount.platformRevenue()).minor();
            assertEquals(paid, earned, "developer and platform hold exactly what charges and settlements paid");
            long clients = 0;
            for (String client : CLIENTS) {
                clients += f.balance(LedgerAccount.clientAvailable(client)).minor() + f.balance(LedgerAccount.clientHeld(client)).minor();
            }
            assertEquals(deposits - paid, clients, "clients keep what they did not pay");
            long settledOrCharged = f.read(s -> s.calls().count(Call.State.CHARGED) + s.calls().count(Call.State.SETTLED));
            assertEquals(settledOrCharged * BillingFixture.PRICE.minor(), paid, "each paid call paid exactly once");
            System.out.printf("LedgerConcurrencyTest[%s]: %d calls (%d paid), %d refused for funds, %d holds swept, seed %d%n",
                    factory.name(), calls, settledOrCharged, refused.get(), swept, seed);
        }
    }

    private static void runScript(BillingFixture f, Random random, int script, Map<String, String> callOfKey, AtomicInteger refused) {
        for (int step = 0; step < STEPS; step++) {
            String client = CLIENTS[random.nextInt(CLIENTS.length)];
            String key = "s" + script + "-" + step;
            int action = random.nextInt(4);
            int retries = 1 + random.nextInt(2);
            try {
                if (action == 0) {
                    for (int r = 0; r <= retries; r++) {
                        record(callOfKey, key, f.billing.charge(key, request(client, key), 10000));
                    }
                    continue;
                }
                Call held = null;
                for (int r = 0; r <= retries; r++) {
                    held = f.billing.hold(key, request(client, key), 10000, Duration.ofMinutes(1));
                    record(callOfKey, key, held);
                }
                for (int r = 0; r <= retries; r++) {
                    if (action == 1) {
                        ProofClaim claim = new ProofClaim(held.callId(), held.modelId(), held.modelVersion(), held.inputDigest(), "sha256:out-" + key, "proof");
                        f.billing.settle(key + "-settle", ProofVerification.verify(c -> true, claim, f.clock.instant()));
                    } else if (action == 2) {
                        f.billing.release(key + "-release", held.callId(), "proving failed");
                    } // action 3: abandoned, released by the sweep
                }
            } catch (InsufficientFundsException e) {
                refused.incrementAndGet();
            }
        }
    }

    private static void record(Map<String, String> callOfKey, String key, Call call) {
        String first = callOfKey.putIfAbsent(key, call.callId());
        if (first != null) {
            assertEquals(first, call.callId(), "a retry of key " + key + " returns the first call");
        }
    }
}
