package io.zkinfer.server.billing;

/** A posting would have taken an account below zero; the whole call was refused and nothing written. */
public final class InsufficientFundsException extends BillingException {
    private final LedgerAccount account;
    private final Money balance;
    private final Money needed;

    public InsufficientFundsException(LedgerAccount account, Money balance, Money needed) {
        super("insufficient funds in " + account + ": balance " + balance + ", needs " + needed
                + "; deposit at least " + needed.minus(balance) + " more and retry");
        this.account = account;
        this.balance = balance;
        this.needed = needed;
    }

    public LedgerAccount account() {
        return account;
    }

    public Money balance() {
        return balance;
    }

    public Money needed() {
        return needed;
    }
}
