package io.zkinfer.server.billing;

import io.zkinfer.server.store.LedgerStoreFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.zkinfer.server.billing.BillingFixture.DEVELOPER;
import static io.zkinfer.server.billing.BillingFixture.MODEL;
import static io.zkinfer.server.billing.BillingFixture.PRICE;
import static io.zkinfer.server.billing.BillingFixture.START;
import static io.zkinfer.server.billing.BillingFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The account reports' queries on every ledger engine: usage per model version, statements and their pages, plan status. */
class AccountReportsTest {

    static Stream<LedgerStoreFactory> stores() {
        return LedgerStoreFactory.all();
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private static AccountReports reports(BillingFixture f) {
        return new AccountReports(f.store, f.clock, Plan.Free.DEFAULT);
    }

    private static void minute(BillingFixture f) {
        f.clock.advance(Duration.ofMinutes(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void usageCountsCallsByOutcomePerModelVersionInThePeriod(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.billing.setPlan("alice", new Plan.PayPerCall());
            f.billing.deposit("dep", "alice", Money.zkc(10_000_000));
            f.billing.charge("c1", request("alice", "a"), 10_000);
            minute(f);
            Call settled = f.billing.hold("h1", request("alice", "b"), 10_000, TIMEOUT);
            f.billing.settle("s1", ProofVerification.verify(c -> true, new ProofClaim(settled.callId(), MODEL, "v1",
                    settled.inputDigest(), "out", "proof"), f.clock.instant()));
            Call released = f.billing.hold("h2", request("alice", "c"), 10_000, TIMEOUT);
            f.billing.release("r2", released.callId(), "proving failed");
            f.billing.hold("h3", request("alice", "d"), 10_000, TIMEOUT);
            f.billing.charge("c2", new CallRequest("alice", MODEL, "v2", "sha256:e"), 10_000);
            minute(f);
            Instant now = f.clock.instant();
            assertEquals(List.of(new UsageRecord(MODEL, "v1", 1, 1, 1, Money.zkc(2 * PRICE.minor())),
                            new UsageRecord(MODEL, "v2", 1, 0, 0, PRICE)),
                    reports(f).usage("alice", START, now, null, null));
            assertEquals(List.of(new UsageRecord(MODEL, "v2", 1, 0, 0, PRICE)), reports(f).usage("alice", START, now, MODEL, "v2"));
            assertEquals(List.of(new UsageRecord(MODEL, "v1", 1, 0, 0, PRICE)),
                    reports(f).usage("alice", START, START.plusMillis(1), null, null), "the first millisecond holds one charge");
            assertEquals(List.of(), reports(f).usage("bob", START, now, null, null));
            assertThrows(IllegalArgumentException.class, () -> reports(f).usage("alice", now, START, null, null));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void statementPagesJoinUpWithRunningBalancesAndSplitATransactionsTwoLines(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            f.billing.setPlan(DEVELOPER, new Plan.PayPerCall());
            f.billing.deposit("dep", DEVELOPER, Money.zkc(5_000_000));
            minute(f);
            f.billing.charge("own-1", new CallRequest(DEVELOPER, MODEL, "v1", "sha256:a"), 10_000);
            minute(f);
            f.billing.charge("own-2", new CallRequest(DEVELOPER, MODEL, "v1", "sha256:b"), 10_000);
            minute(f);
            f.billing.payout("pay", DEVELOPER, Money.zkc(1_000_000));
            minute(f);
            Instant end = f.clock.instant();
            StatementPage whole = reports(f).statement(DEVELOPER, START, end, null, 100);
            assertEquals(List.of(StatementLine.Kind.DEPOSIT, StatementLine.Kind.CHARGE, StatementLine.Kind.EARNING,
                    StatementLine.Kind.CHARGE, StatementLine.Kind.EARNING, StatementLine.Kind.PAYOUT),
                    whole.lines().stream().map(StatementLine::kind).toList());
            long after1 = 5_000_000 - PRICE.minor();
            assertEquals(List.of(5_000_000L, after1, after1, after1 - PRICE.minor(), after1 - PRICE.minor(), after1 - PRICE.minor()),
                    whole.lines().stream().map(l -> l.availableAfter().minor()).toList());
            assertEquals(Money.zkc(0), whole.opening());
            assertEquals(Money.zkc(after1 - PRICE.minor()), whole.closing());
            assertFalse(whole.more());
            for (int size = 1; size <= 4; size++) {
                List<StatementLine> joined = new ArrayList<>();
                StatementLine.Position after = null;
                for (int pages = 0; ; pages++) {
                    assertTrue(pages < 10, "paging ends");
                    StatementPage page = reports(f).statement(DEVELOPER, START, end, after, size);
                    assertTrue(page.lines().size() <= size);
                    joined.addAll(page.lines());
                    if (!page.more()) {
                        break;
                    }
                    after = page.lines().get(page.lines().size() - 1).position();
                }
                assertEquals(whole.lines(), joined, "pages of " + size);
            }
            StatementPage later = reports(f).statement(DEVELOPER, START.plus(Duration.ofMinutes(2)), end, null, 100);
            assertEquals(Money.zkc(after1), later.opening());
            assertEquals(3, later.lines().size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void planStatusFollowsThePlanItsPaidMonthAndTheCallsUsed(LedgerStoreFactory factory) {
        try (BillingFixture f = new BillingFixture(factory)) {
            AccountReports reports = reports(f);
            assertEquals(new PlanStatus(Plan.Free.DEFAULT, YearMonth.of(2026, 11), 1000, 0, 1000, Money.zkc(0)), reports.planStatus("alice"));
            f.billing.deposit("dep", "alice", Money.zkc(10_000_000));
            f.billing.charge("c1", request("alice", "a"), 10_000);
            Plan.Subscription monthly = new Plan.Subscription(Money.zkc(2_000_000), 5);
            f.billing.subscribe("sub", "alice", monthly);
            assertEquals(new PlanStatus(monthly, YearMonth.of(2026, 11), 5, 1, 4, Money.zkc(2_000_000)), reports.planStatus("alice"));
            f.clock.set(Instant.parse("2026-12-02T00:00:00Z"));
            assertEquals(new PlanStatus(monthly, YearMonth.of(2026, 12), 0, 0, 0, Money.zkc(2_000_000)), reports.planStatus("alice"),
                    "December is not paid for");
            AccountBalance balance = reports.balance("alice");
            assertEquals(Money.zkc(8_000_000), balance.available());
            assertEquals(Money.zkc(0), balance.held());
        }
    }
}
