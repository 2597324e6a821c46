package io.zkinfer.server.store;

import io.zkinfer.server.billing.Call;
import io.zkinfer.server.billing.Coin;
import io.zkinfer.server.billing.LedgerAccount;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Transaction;
import io.zkinfer.server.billing.UsageRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Read-only queries for account reports, inside one {@link LedgerSession}'s transaction so that a report is one
 * consistent snapshot: an account's metered calls grouped by model version over a period, and the transactions and
 * running balances a statement is built from. Ledger order is {@code (created_ms, tx_id)}, the order
 * {@link LedgerSession#transactionsOf} uses; every position below is a point in that order.
 */
public final class LedgerReports {

    private static final String CHARGED = "'" + Call.State.CHARGED.name() + "'";
    private static final String SETTLED = "'" + Call.State.SETTLED.name() + "'";
    private static final String RELEASED = "'" + Call.State.RELEASED.name() + "'";

    private final LedgerSession session;

    /** Reports read through {@code session}'s connection and transaction. */
    public LedgerReports(LedgerSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /**
     * {@code client}'s calls created in {@code [fromMs, toMs)}, one record per model version (and currency), ordered by
     * model id then version; only {@code modelId} when it is not null, and only {@code modelVersion} of it when that
     * is not null too. Held calls (proofs still pending) count nowhere until they settle or are released.
     */
    public List<UsageRecord> usage(String client, long fromMs, long toMs, String modelId, String modelVersion) {
        StringBuilder sql = new StringBuilder("SELECT model_id, model_version, currency, decimals, "
                + "SUM(CASE WHEN state = " + CHARGED + " THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN state = " + SETTLED + " THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN state = " + RELEASED + " THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN state IN (" + CHARGED + ", " + SETTLED + ") THEN amount_minor ELSE 0 END) "
                + "FROM calls WHERE client = ? AND created_ms >= ? AND created_ms < ? "
                + "AND state IN (" + CHARGED + ", " + SETTLED + ", " + RELEASED + ")");
        List<Object> args = new ArrayList<>(List.of(client, fromMs, toMs));
        if (modelId != null) {
            sql.append(" AND model_id = ?");
            args.add(modelId);
            if (modelVersion != null) {
                sql.append(" AND model_version = ?");
                args.add(modelVersion);
            }
        }
        sql.append(" GROUP BY model_id, model_version, currency, decimals ORDER BY model_id, model_version, currency");
        return session.queryAll(sql.toString(), r -> new UsageRecord(r.getString(1), r.getString(2), r.getLong(5), r.getLong(6),
                r.getLong(7), Money.of(r.getLong(8), Coin.of(r.getString(3), r.getInt(4)))), args.toArray());
    }

    /**
     * The sum of {@code account}'s postings in {@code coin} from every transaction before the position
     * {@code (atMs, txId)} in ledger order: with {@code txId} empty, every transaction created before {@code atMs}.
     */
    public Money balanceBefore(LedgerAccount account, Coin coin, long atMs, String txId) {
        long minor = session.queryOne("SELECT COALESCE(SUM(p.amount), 0) FROM postings p JOIN transactions t ON t.tx_id = p.tx_id "
                        + "WHERE p.account_id = ? AND p.currency = ? AND (t.created_ms < ? OR (t.created_ms = ? AND t.tx_id < ?))",
                r -> r.getLong(1), account.id(), coin.code(), atMs, atMs, txId).orElse(0L);
        return Money.of(minor, coin);
    }

    /**
     * At most {@code limit} transactions that touched any of {@code accounts}, created in {@code [fromMs, toMs)}, in
     * ledger order from the position {@code (atMs, txId)} on, that position included.
     */
    public List<Transaction> transactionsFrom(List<LedgerAccount> accounts, long fromMs, long toMs, long atMs, String txId, int limit) {
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("name at least one ledger account");
        }
        String in = String.join(", ", accounts.stream().map(a -> "?").toList());
        List<Object> args = new ArrayList<>();
        accounts.forEach(a -> args.add(a.id()));
        args.addAll(List.of(fromMs, toMs, atMs, atMs, txId, limit));
        List<String> ids = session.queryAll("SELECT DISTINCT t.tx_id, t.created_ms FROM transactions t JOIN postings p ON p.tx_id = t.tx_id "
                + "WHERE p.account_id IN (" + in + ") AND t.created_ms >= ? AND t.created_ms < ? "
                + "AND (t.created_ms > ? OR (t.created_ms = ? AND t.tx_id >= ?)) "
                + "ORDER BY t.created_ms, t.tx_id LIMIT ?", r -> r.getString(1), args.toArray());
        List<Transaction> page = new ArrayList<>(ids.size());
        for (String id : ids) {
            page.add(session.transaction(id));
        }
        return page;
    }
}
