package io.zkinfer.server.billing;

import io.zkinfer.server.store.LedgerStoreFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static io.zkinfer.server.billing.BillingFixture.DEVELOPER;
import static io.zkinfer.server.billing.BillingFixture.MODEL;
import static io.zkinfer.server.billing.BillingFixture.PRICE;
import static io.zkinfer.server.billing.BillingFixture.request;
import static io.zkinfer.server.billing.LedgerAccount.clientAvailable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls that name a binding quote pay its price, on every store, and only the calls it covers. */
class BindingQuoteLedgerTest {

    static Stream<LedgerStoreFactory> stores() {
        return LedgerStoreFactory.all();
    }

    private static final Money RAISED = Money.zkc(2_000_000);

    /** A pay-per-call client with funds, and a quote for two unproven calls of version v1 valid 15 minutes. */
    private static BindingQuote quoted(BillingFixture f, String client) {
        f.billing.setPlan(client, new Plan.PayPerCall());
        f.billing.deposit("dep-" + client, client, Money.zkc(10_000_000));
        Quote quote = f.billing.quote(client, MODEL, 10000);
        return f.billing.quotes().offer(client, "v1", false, 2, quote, f.clock.instant().plus(Duration.ofMinutes(15)));
    }

    private static void assertRefused(BillingFixture f, String words, Runnable call) {
        long postings = f.postings();
        Money available = f.balance(clientAvailable("alice"));
        BillingException e = assertThrows(BillingException.class, call::run);
        assertTrue(e.getMessage().contains(words), e.getMessage());
        assertEquals(postings, f.postings(), "a refused call posts nothing");
        assertEquals(available, f.balance(clientAvailable("alice")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theQuotedPriceHoldsAfterThePriceRisesForTheCallsItCovers(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            BindingQuote q = quoted(f, "alice");
            f.prices.set(PricingPolicy.flat(MODEL, DEVELOPER, RAISED));
            Call first = f.billing.charge("c1", request("alice", "1"), 10000, q.quoteId());
            assertEquals(PRICE, first.amount());
            assertEquals(PRICE, f.billing.charge("c2", request("alice", "2"), 30000, q.quoteId()).amount(),
                    "nor does demand move a quoted price");
            assertEquals(first, f.billing.charge("c1", request("alice", "1"), 10000, q.quoteId()),
                    "a retry returns the first call and uses the quote once");
            assertThrows(IdempotencyConflictException.class,
                    () -> f.billing.charge("c1", request("alice", "1"), 10000, null));
            assertRefused(f, "covered 2 calls, all used", () -> f.billing.charge("c3", request("alice", "3"), 10000,
                    q.quoteId()));
            assertEquals(RAISED, f.billing.charge("c4", request("alice", "4"), 10000).amount(),
                    "without a quote, the price in force");
            assertEquals(Money.zkc(10_000_000).minus(PRICE).minus(PRICE).minus(RAISED),
                    f.balance(clientAvailable("alice")));
            f.assertInvariants();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aQuoteCoversOnlyItsAccountVersionKindAndTime(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            BindingQuote q = quoted(f, "alice");
            quoted(f, "bob");
            assertRefused(f, "no quote 'nope'", () -> f.billing.charge("c0", request("alice", "0"), 10000, "nope"));
            assertRefused(f, "made for another account", () -> f.billing.charge("c1", request("bob", "1"), 10000,
                    q.quoteId()));
            assertRefused(f, "not 'mnist' version v2", () -> f.billing.charge("c2",
                    new CallRequest("alice", MODEL, "v2", "sha256:2"), 10000, q.quoteId()));
            assertRefused(f, "prices unproven calls", () -> f.billing.hold("c3", request("alice", "3"), 10000,
                    Duration.ofMinutes(5), q.quoteId()));
            f.clock.set(q.validUntil());
            assertRefused(f, "expired at " + q.validUntil(), () -> f.billing.charge("c4", request("alice", "4"), 10000,
                    q.quoteId()));
            assertEquals(0, f.billing.quotes().forgetExpired(), "an expired quote is kept a day");
            f.clock.advance(Duration.ofDays(1).plusMillis(1));
            assertEquals(2, f.billing.quotes().forgetExpired(), "alice's and bob's");
            assertRefused(f, "no quote '" + q.quoteId() + "'", () -> f.billing.charge("c5", request("alice", "5"),
                    10000, q.quoteId()));
            f.assertInvariants();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aProvenQuoteHoldsAtItsPrice(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.billing.setPlan("alice", new Plan.PayPerCall());
            f.billing.deposit("dep-1", "alice", Money.zkc(10_000_000));
            BindingQuote q = f.billing.quotes().offer("alice", "v1", true, 1, f.billing.quote("alice", MODEL, 10000),
                    Instant.parse("2026-11-28T12:15:00Z"));
            f.prices.set(PricingPolicy.flat(MODEL, DEVELOPER, RAISED));
            Call held = f.billing.hold("h1", request("alice", "1"), 10000, Duration.ofMinutes(5), q.quoteId());
            assertEquals(PRICE, held.amount());
            assertEquals(Call.State.HELD, held.state());
            f.assertInvariants();
        }
    }
}
