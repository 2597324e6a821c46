package io.zkinfer.server.billing;

import static io.zkinfer.server.billing.IdempotentOperations.note;
import static io.zkinfer.server.billing.IdempotentOperations.params;
import static io.zkinfer.server.billing.IdempotentOperations.resultIdOf;

import io.zkinfer.server.store.LedgerSession;
import io.zkinfer.server.store.LedgerStore;
import io.zkinfer.server.store.TimeOrderedIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.function.Function;

/**
 * Billing: quotes, plans, and every operation that moves money, each one database transaction on the
 * {@link LedgerStore}. Every charging operation takes an idempotency key: the first call with a key writes its
 * postings and the key (with a SHA-256 of its parameters) together; a retry with the same key and parameters
 * returns the first result and writes nothing; the same key with other parameters is refused
 * ({@link IdempotencyConflictException}). A refused call writes nothing.
 *
 * <p>Money flows: deposit (external → client available), charge (client available → developer earnings and platform
 * revenue), hold (client available → client held), settle (client held → developer and platform; only with a
 * {@link ProofVerification}), release (client held → client available), payout (developer earnings → external),
 * subscribe (client available → platform revenue).
 */
public final class Billing {

    private static final Logger LOG = LoggerFactory.getLogger(Billing.class);

    /** How long a hold waits for its proof by default before the sweep releases it. */
    public static final Duration DEFAULT_HOLD_TIMEOUT = Duration.ofMinutes(10);

    private final LedgerStore store;
    private final PriceList prices;
    private final ReceiptSigner signer;
    private final Clock clock;
    private final Plan.Free defaultPlan;
    private final IdempotentOperations idempotent;
    private final Payouts payouts;
    private final BindingQuotes quotes;

    /** Billing on {@code store} with {@code prices}, receipts signed by {@code signer}, the time from {@code clock}. */
    public Billing(LedgerStore store, PriceList prices, ReceiptSigner signer, Clock clock, Plan.Free defaultPlan) {
        this.store = Objects.requireNonNull(store, "store");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultPlan = Objects.requireNonNull(defaultPlan, "defaultPlan");
        this.idempotent = new IdempotentOperations(store, clock);
        this.payouts = new Payouts(store, clock, idempotent);
        this.quotes = new BindingQuotes(store, clock);
    }

    /** Billing with the default free tier (1000 calls a month) and the UTC system clock. */
    public Billing(LedgerStore store, PriceList prices, ReceiptSigner signer) {
        this(store, prices, signer, Clock.systemUTC(), Plan.Free.DEFAULT);
    }

    // ---- quotes and plans

    /** What {@code client}'s next call to {@code modelId} would be quoted now under demand {@code demandBps}. */
    public Quote quote(String client, String modelId, int demandBps) {
        return quote(client, modelId, demandBps, clock.instant());
    }

    /**
     * What {@code client}'s next call to {@code modelId} would be quoted at {@code at} under demand {@code demandBps}:
     * the time-of-day factor of {@code at}'s UTC hour, the volume discount after the client's calls so far in
     * {@code at}'s month.
     */
    public Quote quote(String client, String modelId, int demandBps, Instant at) {
        PricingPolicy policy = prices.policy(modelId);
        long earlier = store.inTransaction(s -> s.usage(client, modelId, period(at)));
        return Pricing.quote(policy, demandBps, earlier, at);
    }

    /** The binding quotes: offered by Quote, used by the calls that name them ({@link #charge}, {@link #hold}). */
    public BindingQuotes quotes() {
        return quotes;
    }

    /** {@code client}'s plan (the default free tier when none was set). */
    public Plan plan(String client) {
        return store.inTransaction(s -> s.plan(client).map(LedgerSession.PlanRecord::plan).orElse(defaultPlan));
    }

    /** Puts {@code client} on a free, pay-per-call or enterprise plan (an operator's act; no money moves). */
    public void setPlan(String client, Plan plan) {
        PricingPolicy.requireId("client id", client);
        if (plan instanceof Plan.Subscription) {
            throw new IllegalArgumentException("a subscription is bought with subscribe(key, client, plan), which charges its fee");
        }
        store.inTransaction(s -> {
            s.savePlan(client, plan, paidPeriod(s, client), clock.instant());
            return null;
        });
    }

    /** The month whose subscription fee {@code client} paid last (kept across plan changes), or null. */
    private static String paidPeriod(LedgerSession s, String client) {
        return s.plan(client).map(LedgerSession.PlanRecord::paidPeriod).orElse(null);
    }

    /**
     * {@code client} moves itself to a free, pay-per-call or enterprise plan under idempotency key {@code key}: no money
     * moves; a retry with the same key and plan changes nothing more, and the same key with another plan is refused.
     */
    public Plan changePlan(String key, String client, Plan plan) {
        PricingPolicy.requireId("client id", client);
        if (plan == null || plan instanceof Plan.Subscription) {
            throw new IllegalArgumentException("a subscription is bought with subscribe(key, client, plan), which charges its fee");
        }
        return idempotent.run(key, "plan", params(client, plan), s -> plan, s -> {
            s.savePlan(client, plan, paidPeriod(s, client), clock.instant());
            return new IdempotentOperations.Result<>(client, plan);
        });
    }

    /** Calls by {@code client} to {@code modelId} in {@code month}. */
    public long usage(String client, String modelId, YearMonth month) {
        return store.inTransaction(s -> s.usage(client, modelId, month.toString()));
    }

    // ---- money in and out

    /** An operator credits {@code client} with {@code amount} (external → client available). */
    public Transaction deposit(String key, String client, Money amount) {
        return deposit(key, client, amount, null);
    }

    /**
     * An operator credits {@code client} with {@code amount} (external → client available); {@code reference} (the
     * operator's payment id or ticket, or null) is one of the call's parameters, so the same key with another
     * reference is refused.
     */
    public Transaction deposit(String key, String client, Money amount, String reference) {
        requirePositive(amount, "deposit");
        PricingPolicy.requireId("client id", client);
        return idempotent.run(key, "deposit", params(client, amount) + note(reference), s -> s.transaction(resultIdOf(s, key)), s -> {
            Transaction tx = transaction(Transaction.Kind.DEPOSIT, key, null,
                    new Posting(LedgerAccount.external(), amount.negate()), new Posting(LedgerAccount.clientAvailable(client), amount));
            s.post(tx);
            return new IdempotentOperations.Result<>(tx.id(), tx);
        });
    }

    /** {@code developer} withdraws {@code amount} of earnings (developer earnings → external). */
    public Transaction payout(String key, String developer, Money amount) {
        return payout(key, developer, amount, null);
    }

    /**
     * {@code developer} withdraws {@code amount} of earnings (developer earnings → external) to {@code destination}
     * (or null), which is one of the call's parameters: the same key with another destination is refused.
     */
    public Transaction payout(String key, String developer, Money amount, String destination) {
        requirePositive(amount, "payout");
        PricingPolicy.requireId("developer id", developer);
        return idempotent.run(key, "payout", params(developer, amount) + note(destination), s -> s.transaction(resultIdOf(s, key)), s -> {
            Transaction tx = transaction(Transaction.Kind.PAYOUT, key, null,
                    new Posting(LedgerAccount.developerEarnings(developer), amount.negate()), new Posting(LedgerAccount.external(), amount));
            s.post(tx);
            s.payouts().insert(new Payout(tx.id(), developer, amount, destination == null ? "" : destination,
                    Payout.Status.PENDING, tx.at(), null, null));
            return new IdempotentOperations.Result<>(tx.id(), tx);
        });
    }

    /** The payouts developers asked for, for operators to list and close. */
    public Payouts payouts() {
        return payouts;
    }

    /**
     * {@code client} buys {@code plan} for the current month: its fee moves to platform revenue and the account is on
     * the subscription from now on. Bought again with a new key each month to renew. In a month already paid for, a
     * client still on the subscription is refused, and one that moved to another plan returns to it without paying
     * again (the month's calls count against the included ones either way).
     */
    public Transaction subscribe(String key, String client, Plan.Subscription plan) {
        PricingPolicy.requireId("client id", client);
        Instant now = clock.instant();
        String month = period(now);
        return idempotent.run(key, "subscribe", params(client, plan.monthlyFee(), plan.includedCalls(), month), s -> s.transaction(resultIdOf(s, key)), s -> {
            var current = s.plan(client);
            boolean paid = current.isPresent() && month.equals(current.get().paidPeriod());
            if (paid && current.get().plan() instanceof Plan.Subscription) {
                throw new BillingException("client '" + client + "' has already paid its subscription for " + month
                        + " (UTC); it renews from " + YearMonth.parse(month).plusMonths(1) + " with a new idempotency key");
            }
            Transaction tx = paid ? transaction(Transaction.Kind.SUBSCRIBE, key, null)
                    : transaction(Transaction.Kind.SUBSCRIBE, key, null,
                            new Posting(LedgerAccount.clientAvailable(client), plan.monthlyFee().negate()),
                            new Posting(LedgerAccount.platformRevenue(), plan.monthlyFee()));
            s.post(tx);
            s.savePlan(client, plan, month, now);
            return new IdempotentOperations.Result<>(tx.id(), tx);
        });
    }

    // ---- calls

    /** Meters and charges an unproven call at once, under the client's plan, at the price in force. */
    public Call charge(String key, CallRequest request, int demandBps) {
        return charge(key, request, demandBps, null);
    }

    /**
     * Meters and charges an unproven call at once, under the client's plan, at the price of binding quote
     * {@code quoteId} ({@link BindingQuotes#offer}), or at the price in force when it is null. A quote that does not cover the
     * call is refused ({@link BindingQuote#requireUsableFor}) and nothing is charged.
     */
    public Call charge(String key, CallRequest request, int demandBps, String quoteId) {
        return idempotent.run(key, "charge", params(request) + note(quoteId), s -> callOf(s, key), s -> {
            Call call = meter(s, key, request, demandBps, false, Duration.ZERO, quoteId);
            s.post(transaction(Transaction.Kind.CHARGE, key, call.callId(),
                    new Posting(LedgerAccount.clientAvailable(call.client()), call.amount().negate()),
                    new Posting(LedgerAccount.developerEarnings(call.developerId()), call.split().developer()),
                    new Posting(LedgerAccount.platformRevenue(), call.split().platform())));
            return new IdempotentOperations.Result<>(call.callId(), call);
        });
    }

    /**
     * Meters a proven call and holds its charge until {@link #settle} (its proof verified) or {@link #release} (proving
     * failed); a hold not settled within {@code timeout} is released by {@link #releaseExpiredHolds}.
     */
    public Call hold(String key, CallRequest request, int demandBps, Duration timeout) {
        return hold(key, request, demandBps, timeout, null);
    }

    /** {@link #hold}, at the price of binding quote {@code quoteId} when it is not null (as {@link #charge}). */
    public Call hold(String key, CallRequest request, int demandBps, Duration timeout, String quoteId) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("hold timeout is " + timeout + "; give a positive duration");
        }
        return idempotent.run(key, "hold", params(request, timeout.toMillis()) + note(quoteId), s -> callOf(s, key), s -> {
            Call call = meter(s, key, request, demandBps, true, timeout, quoteId);
            s.post(transaction(Transaction.Kind.HOLD, key, call.callId(),
                    new Posting(LedgerAccount.clientAvailable(call.client()), call.amount().negate()),
                    new Posting(LedgerAccount.clientHeld(call.client()), call.amount())));
            return new IdempotentOperations.Result<>(call.callId(), call);
        });
    }

    /**
     * Settles the held call that {@code verification} proved: its held amount moves to the developer and the platform
     * by the model's split, and the node signs a receipt. There is no way to settle without a verification.
     */
    public Settlement settle(String key, ProofVerification verification) {
        ProofClaim claim = verification.claim();
        Function<LedgerSession, Settlement> replay = s -> {
            Call call = callOf(s, key);
            return new Settlement(call, s.receipt(call.callId()).orElseThrow());
        };
        return idempotent.run(key, "settle", params(claim.callId(), claim.outputDigest()), replay, s -> {
            Instant now = clock.instant();
            Call call = heldCall(s, claim.callId(), "settle");
            if (!call.modelId().equals(claim.modelId()) || !call.modelVersion().equals(claim.modelVersion())
                    || !call.inputDigest().equals(claim.inputDigest())) {
                throw new CallStateException("the verified proof is for model '" + claim.modelId() + "' version " + claim.modelVersion()
                        + " and input " + claim.inputDigest() + ", but call " + call.callId() + " held model '" + call.modelId()
                        + "' version " + call.modelVersion() + " and input " + call.inputDigest() + "; settle with the call's own proof");
            }
            if (now.isAfter(call.deadline())) {
                throw new CallStateException("hold of call " + call.callId() + " expired at " + call.deadline()
                        + "; it is released by the sweep and the client is not charged");
            }
            s.post(transaction(Transaction.Kind.SETTLE, key, call.callId(),
                    new Posting(LedgerAccount.clientHeld(call.client()), call.amount().negate()),
                    new Posting(LedgerAccount.developerEarnings(call.developerId()), call.split().developer()),
                    new Posting(LedgerAccount.platformRevenue(), call.split().platform())));
            s.calls().close(call.callId(), Call.State.SETTLED, now, claim.outputDigest());
            Receipt receipt = new Receipt(TimeOrderedIds.next(), call.callId(), call.modelId(), call.modelVersion(),
                    call.inputDigest(), claim.outputDigest(), call.client(), call.developerId(), call.amount(), call.split(), now);
            SignedReceipt signed = signer.sign(receipt);
            s.saveReceipt(signed);
            Call settled = s.calls().get(call.callId(), false).orElseThrow();
            return new IdempotentOperations.Result<>(call.callId(), new Settlement(settled, signed));
        });
    }

    /** Releases a held call (proving failed or was cancelled): the held amount returns to the client, who is not charged. */
    public Call release(String key, String callId, String reason) {
        return idempotent.run(key, "release", params(callId), s -> callOf(s, key), s -> {
            Call call = heldCall(s, callId, "release");
            LOG.debug("releasing call {} of model '{}': {}", callId, call.modelId(), reason);
            return new IdempotentOperations.Result<>(callId, releaseHeld(s, key, call));
        });
    }

    /** Releases every hold whose deadline has passed, each in its own transaction; returns how many it released. */
    public int releaseExpiredHolds() {
        int released = 0;
        while (true) {
            Instant now = clock.instant();
            List<String> expired = store.inTransaction(s -> s.calls().expiredHolds(now, 100));
            if (expired.isEmpty()) {
                return released;
            }
            for (String callId : expired) {
                String key = "expire:" + callId;
                boolean done = store.inTransaction(s -> {
                    if (s.findKey(key).isPresent()) {
                        return false;
                    }
                    Call call = s.calls().get(callId, true).orElseThrow();
                    if (call.state() != Call.State.HELD) {
                        return false;
                    }
                    releaseHeld(s, key, call);
                    idempotent.record(s, key, "release", params(callId), callId);
                    return true;
                });
                if (done) {
                    released++;
                }
            }
        }
    }

    private Call releaseHeld(LedgerSession s, String key, Call call) {
        Instant now = clock.instant();
        s.post(transaction(Transaction.Kind.RELEASE, key, call.callId(),
                new Posting(LedgerAccount.clientHeld(call.client()), call.amount().negate()),
                new Posting(LedgerAccount.clientAvailable(call.client()), call.amount())));
        s.calls().close(call.callId(), Call.State.RELEASED, now, null);
        s.addUsage(call.client(), call.modelId(), period(call.createdAt()), -1);
        return s.calls().get(call.callId(), false).orElseThrow();
    }

    // ---- reads

    /** The balance of {@code account} in {@code coin}. */
    public Money balance(LedgerAccount account, Coin coin) {
        return store.inTransaction(s -> s.balance(account, coin));
    }

    /** Every transaction that touched {@code account}, oldest first. */
    public List<Transaction> statement(LedgerAccount account) {
        return store.inTransaction(s -> s.transactionsOf(account));
    }

    /** The call {@code callId}. */
    public Call call(String callId) {
        return store.inTransaction(s -> s.calls().get(callId, false))
                .orElseThrow(() -> new CallStateException("unknown call " + callId + "; use the id returned by charge or hold"));
    }

    /** The signed receipt of the settled call {@code callId}; empty until it settled. */
    public Optional<SignedReceipt> receipt(String callId) {
        return store.inTransaction(s -> s.receipt(callId));
    }

    /** The public key that verifies this node's receipts. */
    public byte[] receiptKey() {
        return signer.publicKey();
    }

    // ---- internals

    private Call meter(LedgerSession s, String key, CallRequest request, int demandBps, boolean proven, Duration timeout,
                       String quoteId) {
        PricingPolicy policy = prices.policy(request.modelId());
        Instant now = clock.instant();
        String month = period(now);
        s.lockBalance(LedgerAccount.clientAvailable(request.client()), policy.basePrice().coin());
        Quote quote;
        if (quoteId == null) {
            quote = Pricing.quote(policy, demandBps, s.usage(request.client(), request.modelId(), month), now);
        } else {
            BindingQuote bound = s.quotes().get(quoteId, true).orElseThrow(() -> new BillingException("no quote '"
                    + quoteId + "'; ask for one with Quote"));
            bound.requireUsableFor(request, proven, now);
            s.quotes().use(quoteId);
            quote = bound.quote();
        }
        var stored = s.plan(request.client());
        Plan plan = stored.map(LedgerSession.PlanRecord::plan).orElse(defaultPlan);
        String paid = stored.map(LedgerSession.PlanRecord::paidPeriod).orElse(null);
        CallPricing.Decision decision = CallPricing.decide(request.client(), plan, paid, YearMonth.parse(month),
                s.usage(request.client(), month), quote);
        Call call = new Call(TimeOrderedIds.next(), request.client(), request.modelId(), request.modelVersion(),
                request.inputDigest(), proven, decision.basis(), quote, decision.amount(),
                Split.of(decision.amount(), policy.developerShareBps()), proven ? Call.State.HELD : Call.State.CHARGED,
                now, now.plus(timeout), null, null);
        s.calls().insert(call, month);
        s.addUsage(request.client(), request.modelId(), month, 1);
        return call;
    }

    private static Call heldCall(LedgerSession s, String callId, String operation) {
        Call call = s.calls().get(callId, true)
                .orElseThrow(() -> new CallStateException("cannot " + operation + " unknown call " + callId + "; use the id returned by hold"));
        if (call.state() != Call.State.HELD) {
            throw new CallStateException("cannot " + operation + " call " + callId + ": it is " + call.state().name().toLowerCase()
                    + (call.state() == Call.State.CHARGED ? " (an unproven call, paid at once)" : " already"));
        }
        return call;
    }

    private static Call callOf(LedgerSession s, String key) {
        return s.calls().get(resultIdOf(s, key), false).orElseThrow();
    }

    private Transaction transaction(Transaction.Kind kind, String key, String callId, Posting... postings) {
        return new Transaction(TimeOrderedIds.next(), kind, key, callId, clock.instant(), List.of(postings));
    }

    private static String period(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
    }

    private static void requirePositive(Money amount, String what) {
        if (amount == null || amount.minor() <= 0) {
            throw new IllegalArgumentException(what + " amount is " + amount + "; give more than zero");
        }
    }
}
