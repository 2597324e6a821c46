package io.zkinfer.server.grpc;

import io.grpc.stub.StreamObserver;
import io.zkinfer.api.v1.BalanceRequest;
import io.zkinfer.api.v1.BalanceResponse;
import io.zkinfer.api.v1.BillingServiceGrpc;
import io.zkinfer.api.v1.ClosePayoutRequest;
import io.zkinfer.api.v1.DepositRequest;
import io.zkinfer.api.v1.DepositResponse;
import io.zkinfer.api.v1.ListPayoutsRequest;
import io.zkinfer.api.v1.ListPayoutsResponse;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.PayoutRequest;
import io.zkinfer.api.v1.PayoutResponse;
import io.zkinfer.api.v1.PayoutStatus;
import io.zkinfer.api.v1.QuoteRequest;
import io.zkinfer.api.v1.QuoteResponse;
import io.zkinfer.api.v1.StatementRequest;
import io.zkinfer.api.v1.StatementResponse;
import io.zkinfer.api.v1.SubscribeRequest;
import io.zkinfer.api.v1.Subscription;
import io.zkinfer.api.v1.UsageRequest;
import io.zkinfer.api.v1.UsageResponse;
import io.zkinfer.server.access.Caller;
import io.zkinfer.server.billing.AccountBalance;
import io.zkinfer.server.billing.AccountReports;
import io.zkinfer.server.billing.Billing;
import io.zkinfer.server.billing.BindingQuote;
import io.zkinfer.server.billing.InsufficientFundsException;
import io.zkinfer.server.billing.LedgerAccount;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Payout;
import io.zkinfer.server.billing.Plan;
import io.zkinfer.server.billing.PlanCatalog;
import io.zkinfer.server.billing.PlanStatus;
import io.zkinfer.server.billing.Quote;
import io.zkinfer.server.billing.Split;
import io.zkinfer.server.billing.StatementLine;
import io.zkinfer.server.billing.StatementPage;
import io.zkinfer.server.billing.Transaction;
import io.zkinfer.server.billing.UsageRecord;
import io.zkinfer.server.grpc.RequestFields.Period;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import static io.zkinfer.server.grpc.BillingProtos.COIN;
import static io.zkinfer.server.grpc.BillingProtos.toProto;

/**
 * The gRPC BillingService: it checks each request, acts as {@link Caller#current()} and translates to and from
 * {@link Billing} and {@link AccountReports}; the money logic stays there. A client reads only its own balance, usage
 * and statement, an operator any account's; only operators credit deposits; a payout always draws on the caller's own
 * earnings. Every call that moves money requires its idempotency key, scoped to the caller's account. Failures become
 * statuses through {@link Failures}; a refused call writes nothing.
 */
public final class BillingGrpcService extends BillingServiceGrpc.BillingServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(BillingGrpcService.class);
    /** How long a quote of now binds its price for the calls that name it. */
    static final Duration QUOTE_VALIDITY = Duration.ofMinutes(15);
    private static final Comparator<UsageRecord> USAGE_ORDER =
            Comparator.comparing(UsageRecord::modelId).thenComparing(UsageRecord::modelVersion);

    private final Billing billing;
    private final AccountReports reports;
    private final PlanCatalog plans;
    private final ServingVersions models;
    private final AccountDirectory accounts;
    private final IntSupplier demandBps;

    /**
     * The service over {@code billing} and {@code reports}; {@code plans} are the plans Subscribe offers,
     * {@code models} and {@code accounts} say which models and accounts exist, and {@code demandBps} is the node's
     * current demand factor in basis points (10000 = 1×, clamped to each model's bounds when quoting).
     */
    public BillingGrpcService(Billing billing, AccountReports reports, PlanCatalog plans, ServingVersions models,
                              AccountDirectory accounts, IntSupplier demandBps) {
        this.billing = Objects.requireNonNull(billing, "billing");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.models = Objects.requireNonNull(models, "models");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.demandBps = Objects.requireNonNull(demandBps, "demandBps");
    }

    /**
     * Prices {@code calls} calls of a model version for the caller now, as a binding quote that calls may name for
     * {@link #QUOTE_VALIDITY}, or at another moment {@code at}, as an estimate; charges nothing.
     */
    @Override
    public void quote(QuoteRequest request, StreamObserver<QuoteResponse> out) {
        respond(out, () -> {
            Caller caller = Caller.current();
            String modelId = RequestFields.modelId(request.hasModel(), request.getModel(), "model");
            long calls = request.getCalls() == 0 ? 1 : request.getCalls();
            if (calls < 0) {
                throw new IllegalArgumentException("calls is " + calls + "; give 1 or more (0 means 1)");
            }
            Instant at = request.hasAt() ? BillingProtos.instant(request.getAt(), "at") : reports.clock().instant();
            long version = models.servingVersion(caller, modelId, request.getModel().getVersion()).orElseThrow(() ->
                    ServiceException.notFound("model '" + modelId + "'" + (request.getModel().getVersion() == 0 ? ""
                            : " version " + request.getModel().getVersion()) + " is not registered; list the models you may call with ListModels"));
            Quote quote = billing.quote(caller.accountId(), modelId, demandBps.getAsInt(), at);
            Money total = times(quote.amount(), calls);
            PlanStatus plan = reports.planStatus(caller.accountId());
            QuoteResponse.Builder response = QuoteResponse.newBuilder();
            if (request.hasAt()) {
                // an estimate for another moment: its time-of-day factor holds until the end of that hour
                response.setValidUntil(toProto(at.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS)));
            } else {
                BindingQuote bound = billing.quotes().offer(caller.accountId(), Long.toString(version), request.getProve(), calls,
                        quote, at.plus(QUOTE_VALIDITY));
                response.setQuoteId(bound.quoteId()).setValidUntil(toProto(bound.validUntil()));
            }
            return response
                    .setModel(ModelRef.newBuilder().setModelId(modelId).setVersion(version))
                    .setProve(request.getProve())
                    .setCalls(calls)
                    .setComponents(BillingProtos.components(quote))
                    .setUnitPrice(toProto(quote.amount()))
                    .setTotal(toProto(total))
                    .setSplit(toProto(Split.of(total, quote.split().developerShareBps())))
                    .setPlan(toProto(plan.plan()))
                    .setIncludedCallsLeft(plan.coveredCallsLeft())
                    .build();
        });
    }

    /** An operator credits an existing account. */
    @Override
    public void deposit(DepositRequest request, StreamObserver<DepositResponse> out) {
        respond(out, () -> {
            Caller caller = Caller.current();
            caller.requireOperator("Deposit");
            String account = RequestFields.accountId(request.getAccountId(), "account_id");
            Money amount = RequestFields.positiveAmount(request.hasAmount(), request.getAmount(), "amount");
            String key = RequestFields.idempotencyKey(caller, request.getIdempotencyKey());
            String reference = RequestFields.text(request.getReference(), "reference", false);
            requireKnown(account);
            Transaction tx = billing.deposit(key, account, amount, reference.isEmpty() ? null : reference);
            return DepositResponse.newBuilder()
                    .setEntryId(tx.id())
                    .setBalance(toProto(billing.balance(LedgerAccount.clientAvailable(account), COIN)))
                    .build();
        });
    }

    /** Moves the caller to a plan; a monthly plan's fee is charged at once. */
    @Override
    public void subscribe(SubscribeRequest request, StreamObserver<Subscription> out) {
        respond(out, () -> {
            Caller caller = Caller.current();
            if (request.getPlan() == io.zkinfer.api.v1.Plan.PLAN_ENTERPRISE) {
                caller.requireOperator("Choosing an enterprise plan");
            }
            Plan plan = BillingProtos.plan(request.getPlan(), plans, "plan");
            String key = RequestFields.idempotencyKey(caller, request.getIdempotencyKey());
            if (plan instanceof Plan.Subscription monthly) {
                billing.subscribe(key, caller.accountId(), monthly);
            } else {
                billing.changePlan(key, caller.accountId(), plan);
            }
            return toProto(reports.planStatus(caller.accountId()));
        });
    }

    /** An account's available, held and earned funds and its plan. */
    @Override
    public void balance(BalanceRequest request, StreamObserver<BalanceResponse> out) {
        respond(out, () -> {
            String account = readableAccount(Caller.current(), request.getAccountId(), "a balance");
            AccountBalance balance = reports.balance(account);
            return BalanceResponse.newBuilder()
                    .setAccountId(account)
                    .setAvailable(toProto(balance.available()))
                    .setHeld(toProto(balance.held()))
                    .setEarnings(toProto(balance.earnings()))
                    .setSubscription(toProto(balance.plan()))
                    .build();
        });
    }

    /** An account's calls per model version in a period, a page at a time, with the period's total charge. */
    @Override
    public void usage(UsageRequest request, StreamObserver<UsageResponse> out) {
        respond(out, () -> {
            String account = readableAccount(Caller.current(), request.getAccountId(), "usage");
            String modelId = null;
            String version = null;
            if (request.hasModel()) {
                modelId = RequestFields.modelId(true, request.getModel(), "model");
                version = request.getModel().getVersion() == 0 ? null : BillingProtos.versionId(request.getModel().getVersion());
            }
            int pageSize = RequestFields.pageSize(request.getPageSize());
            String query = String.join("\n", "Usage", account, RequestFields.sent(request.hasFrom(), request.getFrom()),
                    RequestFields.sent(request.hasTo(), request.getTo()), String.valueOf(modelId), String.valueOf(version));
            Period period;
            UsageRecord after = null;
            if (request.getPageToken().isEmpty()) {
                period = RequestFields.period(request.hasFrom(), request.getFrom(), request.hasTo(), request.getTo(), reports.clock().instant());
            } else {
                List<String> f = PageToken.decode(request.getPageToken(), query, 4);
                period = Period.parse(f.get(0), f.get(1));
                after = new UsageRecord(f.get(2), f.get(3), 0, 0, 0, Money.zero(COIN));
            }
            List<UsageRecord> records = new ArrayList<>(reports.usage(account, period.from(), period.to(), modelId, version));
            records.sort(USAGE_ORDER);
            Money total = Money.zero(COIN);
            for (UsageRecord r : records) {
                if (!r.charged().coin().equals(COIN)) {
                    throw new IllegalStateException("usage of model '" + r.modelId() + "' was charged in " + r.charged().coin().code()
                            + ", not in this node's " + COIN.code());
                }
                total = total.plus(r.charged());
            }
            UsageResponse.Builder response = UsageResponse.newBuilder().setTotalCharged(toProto(total));
            UsageRecord last = null;
            for (UsageRecord r : records) {
                if (after != null && USAGE_ORDER.compare(r, after) <= 0) {
                    continue;
                }
                if (response.getRecordsCount() == pageSize) {
                    response.setNextPageToken(PageToken.encode(query,
                            List.of(period.from().toString(), period.to().toString(), last.modelId(), last.modelVersion())));
                    break;
                }
                response.addRecords(BillingProtos.toProto(r));
                last = r;
            }
            return response.build();
        });
    }

    /** An account's ledger lines in a period with its opening and closing available balance, a page at a time. */
    @Override
    public void statement(StatementRequest request, StreamObserver<StatementResponse> out) {
        respond(out, () -> {
            String account = readableAccount(Caller.current(), request.getAccountId(), "a statement");
            int pageSize = RequestFields.pageSize(request.getPageSize());
            String query = String.join("\n", "Statement", account, RequestFields.sent(request.hasFrom(), request.getFrom()),
                    RequestFields.sent(request.hasTo(), request.getTo()));
            Period period;
            StatementLine.Position after = null;
            if (request.getPageToken().isEmpty()) {
                period = RequestFields.period(request.hasFrom(), request.getFrom(), request.hasTo(), request.getTo(), reports.clock().instant());
            } else {
                List<String> f = PageToken.decode(request.getPageToken(), query, 5);
                period = Period.parse(f.get(0), f.get(1));
                after = position(f.get(2), f.get(3), f.get(4));
            }
            StatementPage page = reports.statement(account, period.from(), period.to(), after, pageSize);
            StatementResponse.Builder response = StatementResponse.newBuilder()
                    .setAccountId(account)
                    .setOpeningBalance(toProto(page.opening()))
                    .setClosingBalance(toProto(page.closing()));
            page.lines().forEach(line -> response.addLines(BillingProtos.toProto(line)));
            if (page.more()) {
                StatementLine.Position last = page.lines().get(page.lines().size() - 1).position();
                response.setNextPageToken(PageToken.encode(query, List.of(period.from().toString(), period.to().toString(),
                        Long.toString(last.atMillis()), last.entryId(), Integer.toString(last.index()))));
            }
            return response.build();
        });
    }

    /** The caller withdraws settled earnings of its own; the payout waits for an operator to send it. */
    @Override
    public void payout(PayoutRequest request, StreamObserver<PayoutResponse> out) {
        respond(out, () -> {
            Caller caller = Caller.current();
            Money amount = RequestFields.positiveAmount(request.hasAmount(), request.getAmount(), "amount");
            String destination = RequestFields.text(request.getDestination(), "destination", true);
            String key = RequestFields.idempotencyKey(caller, request.getIdempotencyKey());
            Transaction tx;
            try {
                tx = billing.payout(key, caller.accountId(), amount, destination);
            } catch (InsufficientFundsException e) {
                throw ServiceException.precondition("payout of " + amount + " is more than the settled earnings of account '"
                        + caller.accountId() + "', " + e.balance() + "; ask for at most that");
            }
            LOG.info("payout {} of {} by account {} to '{}' is pending", tx.id(), amount, caller.accountId(), destination);
            return PayoutResponse.newBuilder()
                    .setPayoutId(tx.id())
                    .setAccountId(caller.accountId())
                    .setAmount(toProto(amount))
                    .setDestination(destination)
                    .setStatus(PayoutStatus.PAYOUT_STATUS_PENDING)
                    .setRequestedAt(toProto(tx.at()))
                    .setEarningsLeft(toProto(billing.balance(LedgerAccount.developerEarnings(caller.accountId()), COIN)))
                    .build();
        });
    }

    /** Payouts, newest first: the caller's own, or for an operator any account's or ("*") everyone's. */
    @Override
    public void listPayouts(ListPayoutsRequest request, StreamObserver<ListPayoutsResponse> out) {
        respond(out, () -> {
            Caller caller = Caller.current();
            String account;
            if (request.getAccountId().equals("*")) {
                caller.requireOperator("Listing everyone's payouts");
                account = null;
            } else {
                account = readableAccount(caller, request.getAccountId(), "payouts");
            }
            Payout.Status status = request.getStatus() == PayoutStatus.PAYOUT_STATUS_UNSPECIFIED ? null
                    : BillingProtos.payoutStatus(request.getStatus());
            int limit = request.getLimit() == 0 ? 100 : request.getLimit();
            if (limit < 1 || limit > 1000) {
                throw new IllegalArgumentException("limit is " + request.getLimit() + "; give 1 to 1000 (0 means 100)");
            }
            ListPayoutsResponse.Builder response = ListPayoutsResponse.newBuilder();
            billing.payouts().list(account, status, limit).forEach(p -> response.addPayouts(BillingProtos.toProto(p)));
            return response.build();
        });
    }

    /** An operator closes a pending payout as sent (with the transfer's reference) or failed (earnings returned). */
    @Override
    public void closePayout(ClosePayoutRequest request, StreamObserver<PayoutResponse> out) {
        respond(out, () -> {
            Caller caller = Caller.current();
            caller.requireOperator("ClosePayout");
            String payoutId = RequestFields.text(request.getPayoutId(), "payout_id", true);
            boolean sent = switch (request.getStatus()) {
                case PAYOUT_STATUS_COMPLETED -> true;
                case PAYOUT_STATUS_FAILED -> false;
                default -> throw new IllegalArgumentException("status is " + request.getStatus()
                        + "; close a payout as PAYOUT_STATUS_COMPLETED or PAYOUT_STATUS_FAILED");
            };
            String reference = RequestFields.text(request.getReference(), "reference", true);
            String key = RequestFields.idempotencyKey(caller, request.getIdempotencyKey());
            Payout closed = billing.payouts().close(key, payoutId, sent, reference);
            LOG.info("payout {} of {} to account {} closed {} by account {}", payoutId, closed.amount(),
                    closed.developerId(), closed.status(), caller.accountId());
            return BillingProtos.toProto(closed);
        });
    }

    // ---- shared steps

    /**
     * The account a read is about: the caller's own when {@code requested} is empty; another account only for an
     * operator (PERMISSION_DENIED otherwise), and only one that exists (NOT_FOUND).
     */
    private String readableAccount(Caller caller, String requested, String what) {
        if (requested.isEmpty() || requested.equals(caller.accountId())) {
            return caller.accountId();
        }
        String account = RequestFields.accountId(requested, "account_id");
        if (!caller.operator()) {
            throw ServiceException.denied("account '" + caller.accountId() + "' may read " + what + " of its own only, not of account '"
                    + account + "'; leave account_id empty for your own");
        }
        requireKnown(account);
        return account;
    }

    private void requireKnown(String account) {
        if (!accounts.exists(account)) {
            throw ServiceException.notFound("account '" + account + "' does not exist; check account_id");
        }
    }

    private static Money times(Money unit, long calls) {
        try {
            return Money.of(Math.multiplyExact(unit.minor(), calls), unit.coin());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("calls " + calls + " at " + unit + " each is more than a 64-bit amount; ask for fewer calls");
        }
    }

    private static StatementLine.Position position(String atMillis, String entryId, String index) {
        try {
            return new StatementLine.Position(Long.parseLong(atMillis), entryId, Integer.parseInt(index));
        } catch (IllegalArgumentException e) {
            throw PageToken.refused();
        }
    }

    /** Sends what {@code work} returns, or the status its failure maps to. */
    private static <T> void respond(StreamObserver<T> out, Supplier<T> work) {
        T response;
        try {
            response = work.get();
        } catch (RuntimeException failure) {
            Failures.fail(out, failure);
            return;
        }
        out.onNext(response);
        out.onCompleted();
    }
}
