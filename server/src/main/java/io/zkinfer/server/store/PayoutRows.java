package io.zkinfer.server.store;

import io.zkinfer.server.billing.Coin;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Payout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code payouts} table, read and written inside a {@link LedgerSession}'s transaction. */
public final class PayoutRows {

    private static final String COLUMNS = "payout_id, developer_id, amount_minor, currency, decimals, destination, "
            + "status, requested_ms, closed_ms, note";

    private final LedgerSession s;
    private final Dialect dialect;

    PayoutRows(LedgerSession session, Dialect dialect) {
        this.s = session;
        this.dialect = dialect;
    }

    public void insert(Payout p) {
        s.update("INSERT INTO payouts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p.payoutId(),
                p.developerId(), p.amount().minor(), p.amount().coin().code(), p.amount().coin().decimals(),
                p.destination(), p.status().name(), p.requestedAt().toEpochMilli(),
                p.closedAt() == null ? null : p.closedAt().toEpochMilli(), p.note());
    }

    /** The payout {@code payoutId}, its row locked for update when {@code lock}. */
    public Optional<Payout> get(String payoutId, boolean lock) {
        return s.queryOne("SELECT " + COLUMNS + " FROM payouts WHERE payout_id = ?" + (lock ? dialect.lockRows() : ""),
                PayoutRows::read, payoutId);
    }

    /** Closes a pending payout: {@code status} at {@code at} with {@code note}. */
    public void close(String payoutId, Payout.Status status, Instant at, String note) {
        s.update("UPDATE payouts SET status = ?, closed_ms = ?, note = ? WHERE payout_id = ?", status.name(),
                at.toEpochMilli(), note, payoutId);
    }

    /**
     * Payouts, newest first (those of one millisecond by id), at most {@code limit}: of {@code developerId} (all developers when null), in
     * {@code status} (any when null).
     */
    public List<Payout> list(String developerId, Payout.Status status, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM payouts WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (developerId != null) {
            sql.append(" AND developer_id = ?");
            args.add(developerId);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        sql.append(" ORDER BY requested_ms DESC, payout_id LIMIT ?");
        args.add(limit);
        return s.queryAll(sql.toString(), PayoutRows::read, args.toArray());
    }

    private static Payout read(ResultSet r) throws SQLException {
        Money amount = Money.of(r.getLong(3), Coin.of(r.getString(4), r.getInt(5)));
        long closed = r.getLong(9);
        Instant closedAt = r.wasNull() ? null : Instant.ofEpochMilli(closed);
        return new Payout(r.getString(1), r.getString(2), amount, r.getString(6), Payout.Status.valueOf(r.getString(7)),
                Instant.ofEpochMilli(r.getLong(8)), closedAt, r.getString(10));
    }
}
