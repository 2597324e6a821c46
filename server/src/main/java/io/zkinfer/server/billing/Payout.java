package io.zkinfer.server.billing;

import java.time.Instant;

/**
 * A developer's withdrawal of earnings: requested by the developer ({@link Status#PENDING}, the amount already moved
 * from earnings to external), then closed by an operator who sent the money ({@link Status#COMPLETED}, with the
 * transfer's reference) or could not ({@link Status#FAILED}, with the reason; the amount returns to earnings).
 *
 * @param payoutId    the payout's id, that of its PAYOUT transaction
 * @param developerId whose earnings
 * @param amount      the amount
 * @param destination where it goes, as the developer gave it
 * @param status      where it is
 * @param requestedAt when the developer asked
 * @param closedAt    when an operator closed it, or null
 * @param note        the transfer's reference (completed) or the reason (failed), or null while pending
 */
public record Payout(String payoutId, String developerId, Money amount, String destination, Status status,
                     Instant requestedAt, Instant closedAt, String note) {

    private static final String RETURNED = "-returned";

    /** The id of the PAYOUT_RETURN transaction of failed payout {@code payoutId} (there is at most one). */
    static String returnTransactionId(String payoutId) {
        return payoutId + RETURNED;
    }

    /** The payout a PAYOUT_RETURN transaction returned, from its id. */
    static String payoutIdOfReturn(String transactionId) {
        return transactionId.endsWith(RETURNED)
                ? transactionId.substring(0, transactionId.length() - RETURNED.length()) : transactionId;
    }

    /** Where a payout is. */
    public enum Status {
        /** Debited from earnings, not yet sent. */
        PENDING,
        /** Sent. */
        COMPLETED,
        /** Not sent; the amount was returned to earnings. */
        FAILED
    }
}
