package io.zkinfer.server.billing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns one ledger transaction into the statement lines of one account owner: one line per ledger account of the owner
 * that the transaction changed, except that the held side of a hold or release is left out (its available side says
 * the same thing).
 */
final class StatementLines {

    private StatementLines() {
    }

    /**
     * The lines of {@code tx} for {@code owner}, the available balance being {@code availableAfter} after it; call
     * lines name their model through {@code calls}.
     */
    static List<StatementLine> of(String owner, Transaction tx, Money availableAfter, Function<String, Call> calls) {
        Coin coin = availableAfter.coin();
        Money available = delta(tx, LedgerAccount.clientAvailable(owner), coin);
        Money held = delta(tx, LedgerAccount.clientHeld(owner), coin);
        Money earnings = delta(tx, LedgerAccount.developerEarnings(owner), coin);
        List<StatementLine.Kind> kinds = new ArrayList<>();
        List<Money> amounts = new ArrayList<>();
        if (!available.isZero()) {
            kinds.add(availableKind(tx));
            amounts.add(available);
        }
        if (!held.isZero() && tx.kind() == Transaction.Kind.SETTLE) {
            kinds.add(StatementLine.Kind.SETTLEMENT);
            amounts.add(held);
        }
        if (!earnings.isZero()) {
            kinds.add(earningsKind(tx));
            amounts.add(earnings);
        }
        Call call = tx.callId() == null ? null : calls.apply(tx.callId());
        List<StatementLine> lines = new ArrayList<>(kinds.size());
        for (int i = 0; i < kinds.size(); i++) {
            StatementLine.Kind kind = kinds.get(i);
            String reference = call != null ? call.callId() : kind == StatementLine.Kind.PAYOUT ? tx.id()
                    : kind == StatementLine.Kind.PAYOUT_RETURNED ? Payout.payoutIdOfReturn(tx.id()) : "";
            lines.add(new StatementLine(tx.id(), tx.at(), kind, amounts.get(i), availableAfter, reference,
                    call == null ? null : call.modelId(), call == null ? null : call.modelVersion(), i));
        }
        return lines;
    }

    /** The net change {@code tx} made to {@code account} in {@code coin}. */
    static Money delta(Transaction tx, LedgerAccount account, Coin coin) {
        Money sum = Money.zero(coin);
        for (Posting p : tx.postings()) {
            if (p.account().equals(account) && p.amount().coin().equals(coin)) {
                sum = sum.plus(p.amount());
            }
        }
        return sum;
    }

    private static StatementLine.Kind earningsKind(Transaction tx) {
        return switch (tx.kind()) {
            case PAYOUT -> StatementLine.Kind.PAYOUT;
            case PAYOUT_RETURN -> StatementLine.Kind.PAYOUT_RETURNED;
            default -> StatementLine.Kind.EARNING;
        };
    }

    private static StatementLine.Kind availableKind(Transaction tx) {
        return switch (tx.kind()) {
            case DEPOSIT -> StatementLine.Kind.DEPOSIT;
            case CHARGE -> StatementLine.Kind.CHARGE;
            case HOLD -> StatementLine.Kind.HOLD;
            case RELEASE -> StatementLine.Kind.RELEASE;
            case SUBSCRIBE -> StatementLine.Kind.SUBSCRIPTION_FEE;
            case SETTLE, PAYOUT, PAYOUT_RETURN -> throw new IllegalStateException("transaction " + tx.id() + " (" + tx.kind()
                    + ") changed a client's available balance, which a " + tx.kind() + " never does");
        };
    }
}
