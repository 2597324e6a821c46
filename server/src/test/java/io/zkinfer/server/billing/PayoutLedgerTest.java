package io.zkinfer.server.billing;

import io.zkinfer.server.store.LedgerStoreFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.zkinfer.server.billing.BillingFixture.DEVELOPER;
import static io.zkinfer.server.billing.BillingFixture.request;
import static io.zkinfer.server.billing.LedgerAccount.developerEarnings;
import static io.zkinfer.server.billing.LedgerAccount.external;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A payout's lifecycle in the ledger, on every store: pending, then completed or failed (returned to earnings). */
class PayoutLedgerTest {

    static Stream<LedgerStoreFactory> stores() {
        return LedgerStoreFactory.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anOperatorClosesPayoutsAndAFailedOneReturnsToEarnings(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.billing.setPlan("alice", new Plan.PayPerCall());
            f.billing.deposit("dep-1", "alice", Money.zkc(5_000_000));
            f.billing.charge("c1", request("alice", "1"), 10000);
            String sent = f.billing.payout("pay-1", DEVELOPER, Money.zkc(300_000), "0xabc").id();
            f.clock.advance(Duration.ofSeconds(1));
            String bounced = f.billing.payout("pay-2", DEVELOPER, Money.zkc(400_000), "0xdef").id();
            assertEquals(List.of(bounced, sent), f.billing.payouts().list(DEVELOPER, Payout.Status.PENDING, 10).stream()
                    .map(Payout::payoutId).toList(), "both pending, newest first");
            Money external = f.balance(external());

            Payout completed = f.billing.payouts().close("close-1", sent, true, "tx 0x77");
            assertEquals(Payout.Status.COMPLETED, completed.status());
            assertEquals("tx 0x77", completed.note());
            assertEquals(Money.zkc(2), f.balance(developerEarnings(DEVELOPER)), "a sent payout moves no more money");
            assertEquals(completed, f.billing.payouts().close("close-1", sent, true, "tx 0x77"), "a retry returns the first result");

            Payout failed = f.billing.payouts().close("close-2", bounced, false, "address rejected");
            assertEquals(Payout.Status.FAILED, failed.status());
            assertEquals(Money.zkc(400_002), f.balance(developerEarnings(DEVELOPER)), "a failed payout returns to earnings");
            assertEquals(external.minus(Money.zkc(400_000)), f.balance(external()));

            BillingException again = assertThrows(BillingException.class,
                    () -> f.billing.payouts().close("close-3", bounced, true, "tx 0x78"));
            assertTrue(again.getMessage().contains("is failed already"), again.getMessage());
            BillingException unknown = assertThrows(BillingException.class,
                    () -> f.billing.payouts().close("close-4", "no-such", true, "tx 0x79"));
            assertTrue(unknown.getMessage().contains("no payout 'no-such'"), unknown.getMessage());
            assertThrows(IllegalArgumentException.class, () -> f.billing.payouts().close("close-5", sent, true, " "));
            assertEquals(Money.zkc(400_002), f.balance(developerEarnings(DEVELOPER)), "refused closes move nothing");
            assertEquals(List.of(), f.billing.payouts().list(null, Payout.Status.PENDING, 10));
            assertEquals(2, f.billing.payouts().list(DEVELOPER, null, 10).size());
            f.assertInvariants();
        }
    }
}
