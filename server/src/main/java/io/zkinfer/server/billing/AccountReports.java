package io.zkinfer.server.billing;

import io.zkinfer.server.store.LedgerReports;
import io.zkinfer.server.store.LedgerSession;
import io.zkinfer.server.store.LedgerStore;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an account may read about itself, each report one consistent read of the ledger: its balances and plan, its
 * usage per model version over a period, and its statement over a period, a page at a time. Amounts are in the native
 * coin ({@link Coin#ZKC}). Periods are half-open, {@code [from, to)}; the ledger keeps milliseconds, so an instant
 * within a millisecond counts from the next one.
 */
public final class AccountReports {

    private static final Coin COIN = Coin.ZKC;

    private final LedgerStore store;
    private final Clock clock;
    private final Plan.Free defaultPlan;

    /** Reports on {@code store}, "this month" by {@code clock}, accounts without a plan on {@code defaultPlan}. */
    public AccountReports(LedgerStore store, Clock clock, Plan.Free defaultPlan) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultPlan = Objects.requireNonNull(defaultPlan, "defaultPlan");
    }

    /** The clock the reports tell the time by. */
    public Clock clock() {
        return clock;
    }

    /** {@code account}'s available, held and earned funds and its plan this month. */
    public AccountBalance balance(String account) {
        return store.inTransaction(s -> new AccountBalance(account,
                s.balance(LedgerAccount.clientAvailable(account), COIN),
                s.balance(LedgerAccount.clientHeld(account), COIN),
                s.balance(LedgerAccount.developerEarnings(account), COIN),
                planStatus(s, account)));
    }

    /** {@code account}'s plan this month and how much of it is used. */
    public PlanStatus planStatus(String account) {
        return store.inTransaction(s -> planStatus(s, account));
    }

    /**
     * {@code client}'s calls in {@code [from, to)}, one record per model version ordered by model id then version; only
     * {@code modelId} when not null, and only its {@code modelVersion} when that is not null too.
     */
    public List<UsageRecord> usage(String client, Instant from, Instant to, String modelId, String modelVersion) {
        requirePeriod(from, to);
        return store.inTransaction(s -> new LedgerReports(s).usage(client, ceilMillis(from), ceilMillis(to), modelId, modelVersion));
    }

    /**
     * A page of {@code owner}'s statement for {@code [from, to)}: at most {@code limit} lines after position
     * {@code after} (from the start when null), with the available balance at the period's start and end.
     */
    public StatementPage statement(String owner, Instant from, Instant to, StatementLine.Position after, int limit) {
        requirePeriod(from, to);
        if (limit < 1) {
            throw new IllegalArgumentException("a statement page holds at least one line; asked for " + limit);
        }
        long fromMs = ceilMillis(from);
        long toMs = ceilMillis(to);
        LedgerAccount available = LedgerAccount.clientAvailable(owner);
        List<LedgerAccount> accounts = List.of(available, LedgerAccount.clientHeld(owner), LedgerAccount.developerEarnings(owner));
        return store.inTransaction(s -> {
            LedgerReports reports = new LedgerReports(s);
            Money opening = reports.balanceBefore(available, COIN, fromMs, "");
            Money closing = reports.balanceBefore(available, COIN, toMs, "");
            long startMs = after == null ? fromMs : after.atMillis();
            String startTx = after == null ? "" : after.entryId();
            Money running = reports.balanceBefore(available, COIN, startMs, startTx);
            // A transaction yields at most two lines of one owner, and the first may be spent already: limit + 2
            // transactions always show whether more lines follow this page.
            List<Transaction> txs = reports.transactionsFrom(accounts, fromMs, toMs, startMs, startTx, limit + 2);
            List<StatementLine> lines = new ArrayList<>(limit);
            for (Transaction tx : txs) {
                running = running.plus(StatementLines.delta(tx, available, COIN));
                for (StatementLine line : StatementLines.of(owner, tx, running, id -> s.calls().get(id, false).orElseThrow())) {
                    if (after != null && tx.id().equals(after.entryId()) && line.index() <= after.index()) {
                        continue;
                    }
                    if (lines.size() == limit) {
                        return new StatementPage(owner, opening, closing, lines, true);
                    }
                    lines.add(line);
                }
            }
            return new StatementPage(owner, opening, closing, lines, false);
        });
    }

    private PlanStatus planStatus(LedgerSession s, String account) {
        YearMonth month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        var stored = s.plan(account);
        Plan plan = stored.map(LedgerSession.PlanRecord::plan).orElse(defaultPlan);
        String paid = stored.map(LedgerSession.PlanRecord::paidPeriod).orElse(null);
        return PlanStatus.of(plan, paid, month, s.usage(account, month.toString()), COIN);
    }

    private static void requirePeriod(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("period from " + from + " to " + to + " is empty; 'from' must be before 'to'");
        }
    }

    /** The first whole millisecond at or after {@code at}: the ledger's times are whole milliseconds. */
    static long ceilMillis(Instant at) {
        long ms = at.toEpochMilli();
        return at.getNano() % 1_000_000 == 0 ? ms : ms + 1;
    }
}
