package io.zkinfer.server.billing;

import io.zkinfer.server.store.LedgerStoreFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import static io.zkinfer.server.billing.BillingFixture.DEVELOPER;
import static io.zkinfer.server.billing.BillingFixture.MODEL;
import static io.zkinfer.server.billing.BillingFixture.PRICE;
import static io.zkinfer.server.billing.BillingFixture.request;
import static io.zkinfer.server.billing.LedgerAccount.clientAvailable;
import static io.zkinfer.server.billing.LedgerAccount.clientHeld;
import static io.zkinfer.server.billing.LedgerAccount.developerEarnings;
import static io.zkinfer.server.billing.LedgerAccount.external;
import static io.zkinfer.server.billing.LedgerAccount.platformRevenue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BillingLedgerTest {

    static Stream<LedgerStoreFactory> stores() {
        return LedgerStoreFactory.all();
    }

    private static final ProofVerifier ACCEPTS = claim -> true;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void depositAndPayPerCallChargeSplitSeventyThirty(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.billing.setPlan("alice", new Plan.PayPerCall());
            f.billing.deposit("dep-1", "alice", Money.zkc(5_000_000));
            Call call = f.billing.charge("call-1", request("alice", "a"), 10000);
            assertEquals(Call.State.CHARGED, call.state());
            assertEquals(Call.Basis.PAY_PER_CALL, call.basis());
            assertEquals(PRICE, call.amount());
            assertEquals(Money.zkc(3_999_997), f.balance(clientAvailable("alice")));
            assertEquals(Money.zkc(700_002), f.balance(developerEarnings(DEVELOPER)));
            assertEquals(Money.zkc(300_001), f.balance(platformRevenue()));
            assertEquals(Money.zkc(-5_000_000), f.balance(external()));
            assertEquals(1, f.billing.usage("alice", MODEL, YearMonth.of(2026, 11)));
            assertEquals(2, f.billing.statement(clientAvailable("alice")).size());
            f.assertInvariants();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void sameKeySameParametersReturnsTheFirstResultAndWritesNothing(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.billing.setPlan("alice", new Plan.PayPerCall());
            Transaction deposit = f.billing.deposit("dep-1", "alice", Money.zkc(5_000_000));
            assertEquals(deposit, f.billing.deposit("dep-1", "alice", Money.zkc(5_000_000)));
            Call first = f.billing.charge("call-1", request("alice", "a"), 10000);
            long postings = f.postings();
            f.clock.advance(Duration.ofSeconds(3));
            Call retry = f.billing.charge("call-1", request("alice", "a"), 25000);
            assertEquals(first, retry);
            assertEquals(postings, f.postings());
            assertEquals(Money.zkc(3_999_997), f.balance(clientAvailable("alice")));
            assertEquals(1, f.billing.usage("alice", MODEL, YearMonth.of(2026, 11)));
            f.assertInvariants();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void sameKeyDifferentParametersIsRefusedNamingTheKey(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.billing.setPlan("alice", new Plan.PayPerCall());
            f.billing.deposit("dep-1", "alice", Money.zkc(5_000_000));
            f.billing.charge("call-1", request("alice", "a"), 10000);
            long postings = f.postings();
            IdempotencyConflictException differentInput = assertThrows(IdempotencyConflictException.class,
                    () -> f.billing.charge("call-1", request("alice", "b"), 10000));
            assertTrue(differentInput.getMessage().contains("idempotency key 'call-1'"), differentInput.getMessage());
            assertThrows(IdempotencyConflictException.class, () -> f.billing.deposit("dep-1", "alice", Money.zkc(5_000_001)));
            assertThrows(IdempotencyConflictException.class, () -> f.billing.deposit("call-1", "alice", Money.zkc(1)));
            assertThrows(IdempotencyConflictException.class, () -> f.billing.hold("call-1", request("alice", "a"), 10000, TIMEOUT));
            assertEquals(postings, f.postings());
            assertEquals(1, f.billing.usage("alice", MODEL, YearMonth.of(2026, 11)));
            f.assertInvariants();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void insufficientFundsIsRefusedWithNothingWritten(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.billing.setPlan("alice", new Plan.PayPerCall());
            f.billing.deposit("dep-1", "alice", Money.zkc(1_000_002));
            long postings = f.postings();
            InsufficientFundsException charge = assertThrows(InsufficientFundsException.class,
                    () -> f.billing.charge("call-1", request("alice", "a"), 10000));
            assertEquals("insufficient funds in client-available:alice: balance 1.000002 ZKC, needs 1.000003 ZKC; "
                    + "deposit at least 0.000001 ZKC more and retry", charge.getMessage());
            assertThrows(InsufficientFundsException.class, () -> f.billing.hold("call-2", request("alice", "a"), 10000, TIMEOUT));
            assertThrows(InsufficientFundsException.class, () -> f.billing.payout("pay-1", DEVELOPER, Money.zkc(1)));
            assertThrows(InsufficientFundsException.class,
                    () -> f.billing.subscribe("sub-1", "alice", new Plan.Subscription(Money.zkc(2_000_000), 100)));
            assertEquals(postings, f.postings());
            assertEquals(0, f.billing.usage("alice", MODEL, YearMonth.of(2026, 11)));
            assertEquals(new Plan.PayPerCall(), f.billing.plan("alice"));
            // the refused key was not stored: after a deposit the same key goes through
            f.billing.deposit("dep-2", "alice", Money.zkc(1));
            assertEquals(PRICE, f.billing.charge("call-1", request("alice", "a"), 10000).amount());
            assertEquals(Money.zkc(0), f.balance(clientAvailable("alice")));
            f.assertInvariants();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void freeTierCoversCallsUntilItsMonthlyLimitThenRefuses(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.billing.setPlan("bob", new Plan.Free(3));
            for (int i = 0; i < 3; i++) {
                Call call = i == 2 ? f.billing.hold("free-" + i, request("bob", "x" + i), 10000, TIMEOUT)
                        : f.billing.charge("free-" + i, request("bob", "x" + i), 10000);
                assertEquals(Call.Basis.FREE_TIER, call.basis());
                assertEquals(Money.zkc(0), call.amount());
            }
            long postings = f.postings();
            QuotaExhaustedException exhausted = assertThrows(QuotaExhaustedException.class,
                    () -> f.billing.charge("free-3", request("bob", "x3"), 10000));
            assertEquals("free tier of 3 calls a month is used up for account 'bob' in 2026-11 (UTC); deposit funds and switch to "
                    + "pay-per-call, subscribe, or wait until 2026-12-01 UTC", exhausted.getMessage());
            assertEquals(postings, f.postings());
            assertEquals(3, f.billing.usage("bob", MODEL, YearMonth.of(2026, 11)));
            // a released free call gives its call back; a new calendar month starts afresh
            Call held = f.read(s -> s.calls().get(s.findKey("free-2").orElseThrow().resultId(), false)).orElseThrow();
            f.billing.release("rel-2", held.callId(), "proving failed");
            assertEquals(Call.Basis.FREE_TIER, f.billing.charge("free-4", request("bob", "x4"), 10000).basis());
            f.clock.set(Instant.parse("2026-12-01T00:00:00Z"));
            assertEquals(Call.Basis.FREE_TIER, f.billing.charge("free-5", request("bob", "x5"), 10000).basis());
            assertEquals(1, f.billing.usage("bob", MODEL, YearMonth.of(2026, 12)));
            // the default plan of a new account is 1000 free calls a month
            assertEquals(Plan.Free.DEFAULT, f.billing.plan("carol"));
            assertEquals(1000, ((Plan.Free) f.billing.plan("carol")).callsPerMonth());
            f.assertInvariants();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void subscriptionIncludesCallsThenPaysPerCall(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.billing.deposit("dep-1", "carol", Money.zkc(10_000_000));
            Plan.Subscription plan = new Plan.Subscription(Money.zkc(4_000_000), 2);
            f.billing.subscribe("sub-2026-11", "carol", plan);
            assertEquals(plan, f.billing.plan("carol"));
            assertEquals(Money.zkc(4_000_000), f.balance(platformRevenue()));
            assertEquals(Call.Basis.SUBSCRIPTION_INCLUDED, f.billing.charge("c1", request("carol", "1"), 10000).basis());
            assertEquals(Call.Basis.SUBSCRIPTION_INCLUDED, f.billing.charge("c2", request("carol", "2"), 10000).basis());
            Call third = f.billing.charge("c3", request("carol", "3"), 10000);
            assertEquals(Call.Basis.PAY_PER_CALL, third.basis());
            assertEquals(Money.zkc(10_000_000 - 4_000_000 - 1_000_003), f.balance(clientAvailable("carol")));
            // next month, until renewed, every call pays
            f.clock.set(Instant.parse("2026-12-02T08:00:00Z"));
            assertEquals(Call.Basis.PAY_PER_CALL, f.billing.charge("c4", request("carol", "4"), 10000).basis());
            f.assertInvariants();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aMonthIsPaidForOnceAndRenewsTheNextMonth(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.billing.deposit("dep-1", "carol", Money.zkc(10_000_000));
            Plan.Subscription plan = new Plan.Subscription(Money.zkc(4_000_000), 2);
            Transaction first = f.billing.subscribe("sub-a", "carol", plan);
            BillingException twice = assertThrows(BillingException.class,
                    () -> f.billing.subscribe("sub-b", "carol", plan));
            assertTrue(twice.getMessage().contains("already paid its subscription for 2026-11"), twice.getMessage());
            assertTrue(twice.getMessage().contains("renews from 2026-12"), twice.getMessage());
            assertEquals(Money.zkc(6_000_000), f.balance(clientAvailable("carol")), "the second purchase charged nothing");
            assertEquals(Money.zkc(4_000_000), f.balance(platformRevenue()));
            assertEquals(first, f.billing.subscribe("sub-a", "carol", plan), "a retry of the first purchase returns its result");
            f.billing.setPlan("carol", new Plan.PayPerCall());
            Transaction back = f.billing.subscribe("sub-c", "carol", plan);
            assertTrue(back.postings().isEmpty(), "back on the subscription in a month paid for, without paying again");
            assertEquals(plan, f.billing.plan("carol"));
            assertEquals(Money.zkc(6_000_000), f.balance(clientAvailable("carol")));
            f.clock.set(Instant.parse("2026-12-01T00:00:00Z"));
            f.billing.subscribe("sub-b", "carol", plan);
            assertEquals(Money.zkc(2_000_000), f.balance(clientAvailable("carol")), "December is paid for");
            assertEquals(Call.Basis.SUBSCRIPTION_INCLUDED, f.billing.charge("c1", request("carol", "1"), 10000).basis());
            f.assertInvariants();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void enterpriseQuotaPaysEachCallAndRefusesBeyondTheQuota(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.billing.setPlan("acme", new Plan.Enterprise(2));
            f.billing.deposit("dep-1", "acme", Money.zkc(10_000_000));
            assertEquals(Call.Basis.ENTERPRISE, f.billing.charge("e1", request("acme", "1"), 10000).basis());
            assertEquals(Call.Basis.ENTERPRISE, f.billing.charge("e2", request("acme", "2"), 10000).basis());
            QuotaExhaustedException e = assertThrows(QuotaExhaustedException.class, () -> f.billing.charge("e3", request("acme", "3"), 10000));
            assertTrue(e.getMessage().startsWith("enterprise quota of 2 calls a month is used up for account 'acme'"), e.getMessage());
            f.assertInvariants();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void heldCallSettlesOnlyWithAVerifiedProofAndYieldsASignedReceipt(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.billing.setPlan("alice", new Plan.PayPerCall());
            f.billing.deposit("dep-1", "alice", Money.zkc(5_000_000));
            Call held = f.billing.hold("hold-1", request("alice", "in"), 10000, TIMEOUT);
            assertEquals(Call.State.HELD, held.state());
            assertEquals(Money.zkc(3_999_997), f.balance(clientAvailable("alice")));
            assertEquals(PRICE, f.balance(clientHeld("alice")));
            assertEquals(Money.zkc(0), f.balance(developerEarnings(DEVELOPER)));

            ProofClaim claim = new ProofClaim(held.callId(), MODEL, "v1", "sha256:in", "sha256:out", "proof");
            ProofRejectedException rejected = assertThrows(ProofRejectedException.class,
                    () -> ProofVerification.verify(c -> false, claim, f.clock.instant()));
            assertTrue(rejected.getMessage().contains("did not verify"), rejected.getMessage());

            ProofClaim otherInput = new ProofClaim(held.callId(), MODEL, "v1", "sha256:other", "sha256:out", "proof");
            CallStateException mismatch = assertThrows(CallStateException.class,
                    () -> f.billing.settle("settle-x", ProofVerification.verify(ACCEPTS, otherInput, f.clock.instant())));
            assertTrue(mismatch.getMessage().contains("settle with the call's own proof"), mismatch.getMessage());

            f.clock.advance(Duration.ofSeconds(30));
            Settlement settlement = f.billing.settle("settle-1", ProofVerification.verify(ACCEPTS, claim, f.clock.instant()));
            assertEquals(Call.State.SETTLED, settlement.call().state());
            assertEquals("sha256:out", settlement.call().outputDigest());
            assertEquals(Money.zkc(0), f.balance(clientHeld("alice")));
            assertEquals(Money.zkc(700_002), f.balance(developerEarnings(DEVELOPER)));
            assertEquals(Money.zkc(300_001), f.balance(platformRevenue()));

            Receipt receipt = settlement.receipt().receipt();
            assertEquals(MODEL, receipt.modelId());
            assertEquals("v1", receipt.modelVersion());
            assertEquals("sha256:in", receipt.inputDigest());
            assertEquals("sha256:out", receipt.outputDigest());
            assertEquals(PRICE, receipt.amount());
            assertEquals(Money.zkc(700_002), receipt.split().developer());
            assertTrue(new ReceiptVerifier(f.billing.receiptKey()).verify(settlement.receipt()));

            // a retry returns the same settlement and receipt; a second settlement under another key is refused
            long postings = f.postings();
            assertEquals(settlement, f.billing.settle("settle-1", ProofVerification.verify(ACCEPTS, claim, f.clock.instant())));
            CallStateException again = assertThrows(CallStateException.class,
                    () -> f.billing.settle("settle-2", ProofVerification.verify(ACCEPTS, claim, f.clock.instant())));
            assertTrue(again.getMessage().contains("it is settled already"), again.getMessage());
            assertThrows(CallStateException.class, () -> f.billing.release("rel-1", held.callId(), "late"));
            assertEquals(postings, f.postings());
            f.assertInvariants();
            f.assertNoOpenHolds();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void releaseReturnsTheHoldAndExpiredHoldsAreSwept(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.billing.setPlan("alice", new Plan.PayPerCall());
            f.billing.deposit("dep-1", "alice", Money.zkc(5_000_000));
            Call failed = f.billing.hold("hold-1", request("alice", "1"), 10000, TIMEOUT);
            Call released = f.billing.release("rel-1", failed.callId(), "proving failed");
            assertEquals(Call.State.RELEASED, released.state());
            assertEquals(released, f.billing.release("rel-1", failed.callId(), "proving failed"));
            assertEquals(Money.zkc(5_000_000), f.balance(clientAvailable("alice")));
            assertEquals(0, f.billing.usage("alice", MODEL, YearMonth.of(2026, 11)));

            Call slow = f.billing.hold("hold-2", request("alice", "2"), 10000, Duration.ofMinutes(1));
            Call fast = f.billing.hold("hold-3", request("alice", "3"), 10000, Duration.ofMinutes(10));
            f.clock.advance(Duration.ofMinutes(2));
            assertEquals(1, f.billing.releaseExpiredHolds());
            assertEquals(0, f.billing.releaseExpiredHolds());
            assertEquals(Call.State.RELEASED, f.billing.call(slow.callId()).state());
            assertEquals(Call.State.HELD, f.billing.call(fast.callId()).state());
            ProofClaim late = new ProofClaim(slow.callId(), MODEL, "v1", "sha256:2", "sha256:o", "p");
            CallStateException e = assertThrows(CallStateException.class,
                    () -> f.billing.settle("settle-2", ProofVerification.verify(ACCEPTS, late, f.clock.instant())));
            assertTrue(e.getMessage().contains("it is released already"), e.getMessage());
            f.clock.advance(Duration.ofMinutes(9));
            assertEquals(1, f.billing.releaseExpiredHolds());
            assertEquals(Money.zkc(5_000_000), f.balance(clientAvailable("alice")));
            assertEquals(Money.zkc(0), f.balance(clientHeld("alice")));
            f.assertInvariants();
            f.assertNoOpenHolds();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theSplitIsConfigurablePerModel(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.prices.set(PricingPolicy.flat("ocr", "dev-bo", Money.zkc(999)).withDeveloperShareBps(8500));
            f.billing.setPlan("alice", new Plan.PayPerCall());
            f.billing.deposit("dep-1", "alice", Money.zkc(10_000));
            Call call = f.billing.charge("c1", new CallRequest("alice", "ocr", "v2", "sha256:x"), 10000);
            assertEquals(Money.zkc(849), call.split().developer()); // floor(999 × 0.85) = 849
            assertEquals(Money.zkc(150), call.split().platform());  // the rest, with the odd unit
            assertEquals(Money.zkc(849), f.balance(developerEarnings("dev-bo")));
            assertEquals(Money.zkc(150), f.balance(platformRevenue()));
            assertEquals(Money.zkc(1_000_003), f.billing.quote("alice", MODEL, 10000).amount());
            f.assertInvariants();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aProofThatArrivesAfterTheDeadlineDoesNotSettle(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.billing.setPlan("alice", new Plan.PayPerCall());
            f.billing.deposit("dep-1", "alice", Money.zkc(5_000_000));
            Call held = f.billing.hold("hold-1", request("alice", "1"), 10000, Duration.ofSeconds(30));
            f.clock.advance(Duration.ofSeconds(31));
            ProofClaim claim = new ProofClaim(held.callId(), MODEL, "v1", "sha256:1", "sha256:o", "p");
            CallStateException late = assertThrows(CallStateException.class,
                    () -> f.billing.settle("settle-1", ProofVerification.verify(ACCEPTS, claim, f.clock.instant())));
            assertTrue(late.getMessage().contains("expired"), late.getMessage());
            assertEquals(1, f.billing.releaseExpiredHolds());
            assertEquals(Money.zkc(5_000_000), f.balance(clientAvailable("alice")));
            assertEquals(Money.zkc(0), f.balance(developerEarnings(DEVELOPER)));
            f.assertInvariants();
            f.assertNoOpenHolds();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void developerPaysOutEarnings(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.billing.setPlan("alice", new Plan.PayPerCall());
            f.billing.deposit("dep-1", "alice", Money.zkc(5_000_000));
            f.billing.charge("c1", request("alice", "1"), 10000);
            Transaction payout = f.billing.payout("pay-1", DEVELOPER, Money.zkc(700_000));
            assertEquals(Transaction.Kind.PAYOUT, payout.kind());
            assertEquals(Money.zkc(2), f.balance(developerEarnings(DEVELOPER)));
            assertEquals(Money.zkc(-5_000_000 + 700_000), f.balance(external()));
            assertThrows(InsufficientFundsException.class, () -> f.billing.payout("pay-2", DEVELOPER, Money.zkc(3)));
            f.assertInvariants();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void unknownModelAndBadArgumentsAreRefused(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            BillingException unknown = assertThrows(BillingException.class,
                    () -> f.billing.charge("k", new CallRequest("alice", "resnet", "v1", "sha256:x"), 10000));
            assertEquals("model 'resnet' has no price; deploy it or set its pricing first", unknown.getMessage());
            assertThrows(IllegalArgumentException.class, () -> f.billing.deposit("", "alice", Money.zkc(1)));
            assertThrows(IllegalArgumentException.class, () -> f.billing.deposit("k", "alice", Money.zkc(0)));
            assertThrows(IllegalArgumentException.class, () -> f.billing.deposit("k", "al:ice", Money.zkc(1)));
            assertNotEquals(0, f.billing.receiptKey().length);
            assertEquals(0, f.postings());
        }
    }
}
