package io.zkinfer.server.store;

import io.zkinfer.server.billing.Call;
import io.zkinfer.server.billing.Coin;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Quote;
import io.zkinfer.server.billing.Split;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code calls} table of metered calls (charged at once, or held until settled or released), read and written
 * inside a {@link LedgerSession}'s transaction.
 */
public final class CallRows {

    private final LedgerSession s;
    private final Dialect dialect;

    CallRows(LedgerSession session, Dialect dialect) {
        this.s = session;
        this.dialect = dialect;
    }

    public void insert(Call call, String period) {
        Quote q = call.quote();
        s.update("INSERT INTO calls (call_id, client, model_id, model_version, input_digest, proven, basis, developer, currency, decimals, "
                        + "base_minor, demand_bps, quality_bonus_bps, volume_discount_bps, time_of_day_bps, quoted_minor, amount_minor, "
                        + "developer_share_bps, state, period, created_ms, deadline_ms, closed_ms, output_digest) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                call.callId(), call.client(), call.modelId(), call.modelVersion(), call.inputDigest(), call.proven() ? 1 : 0,
                call.basis().name(), q.developerId(), q.amount().coin().code(), q.amount().coin().decimals(), q.base().minor(),
                q.demandBps(), q.qualityBonusBps(), q.volumeDiscountBps(), q.timeOfDayBps(), q.amount().minor(), call.amount().minor(),
                call.split().developerShareBps(), call.state().name(), period, call.createdAt().toEpochMilli(),
                call.deadline().toEpochMilli(), call.closedAt() == null ? null : call.closedAt().toEpochMilli(), call.outputDigest());
    }

    /** The call {@code callId}, its row locked for update when {@code lock}. */
    public Optional<Call> get(String callId, boolean lock) {
        return s.queryOne("SELECT call_id, client, model_id, model_version, input_digest, proven, basis, developer, currency, decimals, "
                + "base_minor, demand_bps, quality_bonus_bps, volume_discount_bps, time_of_day_bps, quoted_minor, amount_minor, "
                + "developer_share_bps, state, created_ms, deadline_ms, closed_ms, output_digest FROM calls WHERE call_id = ?"
                + (lock ? dialect.lockRows() : ""), CallRows::read, callId);
    }

    private static Call read(ResultSet r) throws SQLException {
        Coin coin = Coin.of(r.getString(9), r.getInt(10));
        int shareBps = r.getInt(18);
        Money quoted = Money.of(r.getLong(16), coin);
        Money amount = Money.of(r.getLong(17), coin);
        Instant created = Instant.ofEpochMilli(r.getLong(20));
        Quote quote = new Quote(r.getString(3), r.getString(8), Money.of(r.getLong(11), coin), r.getInt(12), r.getInt(13),
                r.getInt(14), r.getInt(15), quoted, Split.of(quoted, shareBps), created);
        long closed = r.getLong(22);
        Instant closedAt = r.wasNull() ? null : Instant.ofEpochMilli(closed);
        return new Call(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getInt(6) == 1,
                Call.Basis.valueOf(r.getString(7)), quote, amount, Split.of(amount, shareBps), Call.State.valueOf(r.getString(19)),
                created, Instant.ofEpochMilli(r.getLong(21)), closedAt, r.getString(23));
    }

    /** Moves a call to {@code state}, closed at {@code at}, with the verified output digest (or null). */
    public void close(String callId, Call.State state, Instant at, String outputDigest) {
        s.update("UPDATE calls SET state = ?, closed_ms = ?, output_digest = ? WHERE call_id = ?", state.name(), at.toEpochMilli(), outputDigest, callId);
    }

    /** Ids of held calls whose deadline is before {@code now}, oldest deadline first, at most {@code limit}. */
    public List<String> expiredHolds(Instant now, int limit) {
        List<String> ids = s.queryAll("SELECT call_id FROM calls WHERE state = ? AND deadline_ms < ? ORDER BY deadline_ms, call_id",
                r -> r.getString(1), Call.State.HELD.name(), now.toEpochMilli());
        return ids.size() > limit ? ids.subList(0, limit) : ids;
    }

    /** How many calls are in {@code state}. */
    public long count(Call.State state) {
        return s.queryOne("SELECT COUNT(*) FROM calls WHERE state = ?", r -> r.getLong(1), state.name()).orElse(0L);
    }
}
