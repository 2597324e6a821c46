package io.zkinfer.server.store;

import io.zkinfer.server.billing.BindingQuote;
import io.zkinfer.server.billing.Coin;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Quote;
import io.zkinfer.server.billing.Split;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The {@code quotes} table of binding quotes, read and written inside a {@link LedgerSession}'s transaction. */
public final class QuoteRows {

    private static final String COLUMNS = "quote_id, client, model_id, model_version, proven, developer, currency, "
            + "decimals, base_minor, demand_bps, quality_bonus_bps, volume_discount_bps, time_of_day_bps, amount_minor, "
            + "developer_share_bps, calls, used, quoted_ms, valid_until_ms";

    private final LedgerSession s;
    private final Dialect dialect;

    QuoteRows(LedgerSession session, Dialect dialect) {
        this.s = session;
        this.dialect = dialect;
    }

    public void insert(BindingQuote b) {
        Quote q = b.quote();
        s.update("INSERT INTO quotes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                b.quoteId(), b.client(), b.modelId(), b.modelVersion(), b.proven() ? 1 : 0, q.developerId(),
                q.amount().coin().code(), q.amount().coin().decimals(), q.base().minor(), q.demandBps(),
                q.qualityBonusBps(), q.volumeDiscountBps(), q.timeOfDayBps(), q.amount().minor(),
                q.split().developerShareBps(), b.calls(), b.used(), q.quotedAt().toEpochMilli(),
                b.validUntil().toEpochMilli());
    }

    /** The quote {@code quoteId}, its row locked for update when {@code lock}. */
    public Optional<BindingQuote> get(String quoteId, boolean lock) {
        return s.queryOne("SELECT " + COLUMNS + " FROM quotes WHERE quote_id = ?" + (lock ? dialect.lockRows() : ""),
                QuoteRows::read, quoteId);
    }

    /** Counts one more call paid at quote {@code quoteId}'s price. */
    public void use(String quoteId) {
        s.update("UPDATE quotes SET used = used + 1 WHERE quote_id = ?", quoteId);
    }

    /** Deletes the quotes that stopped holding before {@code before}; returns how many. */
    public int deleteExpired(Instant before) {
        return s.update("DELETE FROM quotes WHERE valid_until_ms < ?", before.toEpochMilli());
    }

    private static BindingQuote read(ResultSet r) throws SQLException {
        Coin coin = Coin.of(r.getString(7), r.getInt(8));
        Money amount = Money.of(r.getLong(14), coin);
        Quote quote = new Quote(r.getString(3), r.getString(6), Money.of(r.getLong(9), coin), r.getInt(10), r.getInt(11),
                r.getInt(12), r.getInt(13), amount, Split.of(amount, r.getInt(15)), Instant.ofEpochMilli(r.getLong(18)));
        return new BindingQuote(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5) == 1, quote,
                r.getLong(16), r.getLong(17), Instant.ofEpochMilli(r.getLong(19)));
    }
}
