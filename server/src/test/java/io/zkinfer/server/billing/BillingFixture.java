package io.zkinfer.server.billing;

import io.zkinfer.server.store.LedgerSession;
import io.zkinfer.server.store.LedgerStore;
import io.zkinfer.server.store.LedgerStoreFactory;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A billing on a fresh store with a hand-moved clock, one priced model and the ledger's invariants. */
final class BillingFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    static final String MODEL = "mnist";
    static final String DEVELOPER = "dev-ann";
    /** 1.000003 ZKC a call at 1× demand: 700002 to the developer, 300001 to the platform. */
    static final Money PRICE = Money.zkc(1_000_003);

    final LedgerStore store;
    final MutableClock clock = new MutableClock(START);
    final PriceList prices = new PriceList();
    final ReceiptSigner signer = ReceiptSigner.generate(new SecureRandom());
    final Billing billing;

    BillingFixture(LedgerStoreFactory factory) {
        this.store = factory.open();
        prices.set(PricingPolicy.flat(MODEL, DEVELOPER, PRICE));
        billing = new Billing(store, prices, signer, clock, Plan.Free.DEFAULT);
    }

    static CallRequest request(String client, String input) {
        return new CallRequest(client, MODEL, "v1", "sha256:" + input);
    }

    <T> T read(Function<LedgerSession, T> query) {
        return store.inTransaction(query);
    }

    long postings() {
        return read(LedgerSession::postingCount);
    }

    /** Every transaction sums to zero, cached balances equal their postings, none but the external one is negative, all sum to zero. */
    void assertInvariants() {
        read(s -> {
            for (Transaction tx : s.transactions()) {
                assertEquals(0, tx.postings().stream().mapToLong(p -> p.amount().minor()).sum(), "transaction " + tx.id() + " balances");
            }
            Map<LedgerAccount, Money> balances = s.balances(Coin.ZKC);
            long total = 0;
            for (Map.Entry<LedgerAccount, Money> e : balances.entrySet()) {
                assertEquals(s.balanceFromPostings(e.getKey(), Coin.ZKC), e.getValue(), "cached balance of " + e.getKey());
                assertTrue(e.getKey().mayGoNegative() || !e.getValue().isNegative(), e.getKey() + " is negative: " + e.getValue());
                total += e.getValue().minor();
            }
            assertEquals(0, total, "all balances sum to zero");
            return null;
        });
    }

    Money balance(LedgerAccount account) {
        return billing.balance(account, Coin.ZKC);
    }

    void assertNoOpenHolds() {
        assertFalse(read(s -> s.calls().count(Call.State.HELD)) > 0, "every hold settled or released");
    }

    @Override
    public void close() {
        store.close();
    }
}
