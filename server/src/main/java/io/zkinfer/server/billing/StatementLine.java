package io.zkinfer.server.billing;

import java.time.Instant;

/**
 * One line of an account's statement: what one ledger transaction did to one of the account's ledger accounts. The
 * amount is the signed change to the ledger account the line is about: client-available for deposits, charges, holds,
 * releases and subscription fees; client-held for settlements (the held money leaving); developer-earnings for
 * earnings and payouts. {@code availableAfter} is always the client-available balance after the whole transaction.
 *
 * @param entryId        the ledger transaction's id
 * @param at             when it was posted
 * @param kind           what it records
 * @param amount         the signed change (negative for money leaving the account)
 * @param availableAfter the available balance after the transaction
 * @param reference      the call id for call lines, the payout id for payouts and returned payouts, empty otherwise
 * @param modelId        the model of a call line, or null
 * @param modelVersion   the model version of a call line, or null
 * @param index          the line's place among its transaction's lines (0 or 1), for paging
 */
public record StatementLine(String entryId, Instant at, Kind kind, Money amount, Money availableAfter, String reference,
                            String modelId, String modelVersion, int index) {

    /** What a statement line records. */
    public enum Kind { DEPOSIT, CHARGE, HOLD, SETTLEMENT, RELEASE, SUBSCRIPTION_FEE, EARNING, PAYOUT, PAYOUT_RETURNED }

    /**
     * A place in ledger order: the line {@code index} of transaction {@code entryId}, posted at {@code atMillis}.
     * Statements page from one position to the next.
     */
    public record Position(long atMillis, String entryId, int index) {
        public Position {
            if (entryId == null || entryId.isEmpty() || index < 0) {
                throw new IllegalArgumentException("a statement position needs an entry id and an index of 0 or more");
            }
        }
    }

    /** This line's position in ledger order. */
    public Position position() {
        return new Position(at.toEpochMilli(), entryId, index);
    }
}
