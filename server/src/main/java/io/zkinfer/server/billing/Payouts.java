package io.zkinfer.server.billing;

import static io.zkinfer.server.billing.IdempotentOperations.params;

import io.zkinfer.server.store.LedgerStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The operators' side of payouts ({@link Billing#payout} is the developers'): listing them and closing a pending one
 * as sent, or as failed, which returns its amount from external to the developer's earnings.
 */
public final class Payouts {

    private final LedgerStore store;
    private final Clock clock;
    private final IdempotentOperations idempotent;

    Payouts(LedgerStore store, Clock clock, IdempotentOperations idempotent) {
        this.store = store;
        this.clock = clock;
        this.idempotent = idempotent;
    }

    /**
     * An operator closes pending payout {@code payoutId}: sent ({@code sent}, {@code note} the transfer's reference)
     * or not (the reason; its amount returns to the developer's earnings). A payout closed already is refused.
     */
    public Payout close(String key, String payoutId, boolean sent, String note) {
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("closing a payout needs " + (sent ? "the transfer's reference" : "the reason it failed"));
        }
        return idempotent.run(key, "close-payout", params(payoutId, sent, note), s -> s.payouts().get(payoutId, false).orElseThrow(), s -> {
            Payout p = s.payouts().get(payoutId, true).orElseThrow(() -> new BillingException("no payout '" + payoutId
                    + "'; list the pending ones with ListPayouts"));
            if (p.status() != Payout.Status.PENDING) {
                throw new BillingException("payout '" + payoutId + "' is " + p.status().name().toLowerCase(Locale.ROOT) + " already");
            }
            Instant now = clock.instant();
            if (!sent) {
                s.post(new Transaction(Payout.returnTransactionId(payoutId), Transaction.Kind.PAYOUT_RETURN, key, null, now,
                        List.of(new Posting(LedgerAccount.external(), p.amount().negate()),
                                new Posting(LedgerAccount.developerEarnings(p.developerId()), p.amount()))));
            }
            Payout.Status status = sent ? Payout.Status.COMPLETED : Payout.Status.FAILED;
            s.payouts().close(payoutId, status, now, note);
            return new IdempotentOperations.Result<>(payoutId, new Payout(p.payoutId(), p.developerId(), p.amount(),
                    p.destination(), status, p.requestedAt(), now, note));
        });
    }

    /** Payouts, newest first: of {@code developerId} (everyone's when null), in {@code status} (any when null). */
    public List<Payout> list(String developerId, Payout.Status status, int limit) {
        return store.inTransaction(s -> s.payouts().list(developerId, status, limit));
    }
}
