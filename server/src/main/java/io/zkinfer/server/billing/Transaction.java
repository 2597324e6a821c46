package io.zkinfer.server.billing;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One ledger event: postings whose amounts sum to zero in every currency (checked here, so no unbalanced
 * transaction can be built, let alone written). Zero-amount postings are dropped; a transaction of a free call has
 * none.
 *
 * @param id             transaction id
 * @param kind           what happened
 * @param idempotencyKey the key of the call that caused it
 * @param callId         the metered call it belongs to, or {@code null}
 * @param at             when it was written
 * @param postings       the postings, summing to zero per currency
 */
public record Transaction(String id, Kind kind, String idempotencyKey, String callId, Instant at, List<Posting> postings) {

    /** What a transaction records. */
    public enum Kind {
        /** An operator credited a client (external → client available). */
        DEPOSIT,
        /** Funds reserved for a proven call (client available → client held). */
        HOLD,
        /** A verified call paid (client held → developer earnings + platform revenue). */
        SETTLE,
        /** A hold returned (client held → client available). */
        RELEASE,
        /** An unproven call paid at once (client available → developer earnings + platform revenue). */
        CHARGE,
        /** A developer withdrew earnings (developer earnings → external). */
        PAYOUT,
        /** A payout an operator could not send came back (external → developer earnings). */
        PAYOUT_RETURN,
        /** A monthly subscription fee (client available → platform revenue). */
        SUBSCRIBE
    }

    public Transaction {
        if (id == null || kind == null || idempotencyKey == null || at == null || postings == null) {
            throw new IllegalArgumentException("a transaction needs an id, a kind, an idempotency key, a time and postings");
        }
        postings = postings.stream().filter(p -> !p.amount().isZero()).toList();
        Map<Coin, Long> sums = new HashMap<>();
        for (Posting posting : postings) {
            sums.merge(posting.amount().coin(), posting.amount().minor(), Math::addExact);
        }
        sums.forEach((coin, sum) -> {
            if (sum != 0) {
                throw new IllegalArgumentException("transaction " + id + " (" + kind + ") does not balance: its " + coin.code()
                        + " postings sum to " + sum + " minor units instead of 0");
            }
        });
    }
}
