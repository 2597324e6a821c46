package io.zkinfer.server.billing;

/**
 * One line of a ledger transaction: {@code amount} added to {@code account}'s balance (negative takes away).
 *
 * @param account the account
 * @param amount  the signed amount
 */
public record Posting(LedgerAccount account, Money amount) {

    public Posting {
        if (account == null || amount == null) {
            throw new IllegalArgumentException("a posting needs an account and an amount");
        }
    }
}
