package io.zkinfer.server.store;

import io.zkinfer.server.billing.Call;
import io.zkinfer.server.billing.Coin;
import io.zkinfer.server.billing.InsufficientFundsException;
import io.zkinfer.server.billing.LedgerAccount;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Plan;
import io.zkinfer.server.billing.Posting;
import io.zkinfer.server.billing.Receipt;
import io.zkinfer.server.billing.SignedReceipt;
import io.zkinfer.server.billing.Transaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ledger's statements inside one database transaction. Postings go through {@link #post}, which locks the
 * balances it touches in a fixed order, refuses any that would go negative and writes the transaction, its postings
 * and the new balances together.
 */
public final class LedgerSession {

    /** A stored idempotency key: the operation, the hash of its parameters and the id of its result. */
    public record KeyRecord(String key, String operation, String paramsSha256, String resultId) {
    }

    /** A stored plan and the month ({@code YYYY-MM}) its subscription fee was paid for, if any. */
    public record PlanRecord(Plan plan, String paidPeriod) {
    }

    private final Connection c;
    private final Dialect dialect;

    LedgerSession(Connection connection, Dialect dialect) {
        this.c = connection;
        this.dialect = dialect;
    }

    // ---- idempotency keys

    public Optional<KeyRecord> findKey(String key) {
        return queryOne("SELECT idempotency_key, operation, params_sha256, result_id FROM idempotency_keys WHERE idempotency_key = ?",
                r -> new KeyRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4)), key);
    }

    public void saveKey(KeyRecord record, Instant at) {
        update("INSERT INTO idempotency_keys (idempotency_key, operation, params_sha256, result_id, created_ms) VALUES (?, ?, ?, ?, ?)",
                record.key(), record.operation(), record.paramsSha256(), record.resultId(), at.toEpochMilli());
    }

    // ---- balances and postings

    /** Locks {@code account}'s balance row (creating it at zero) until the transaction ends, and returns the balance. */
    public Money lockBalance(LedgerAccount account, Coin coin) {
        String select = "SELECT minor FROM balances WHERE account_id = ? AND currency = ?" + dialect.lockRows();
        Optional<Long> minor = queryOne(select, r -> r.getLong(1), account.id(), coin.code());
        if (minor.isEmpty()) {
            update("INSERT INTO balances (account_id, currency, minor) VALUES (?, ?, 0) ON CONFLICT (account_id, currency) DO NOTHING",
                    account.id(), coin.code());
            minor = queryOne(select, r -> r.getLong(1), account.id(), coin.code());
        }
        return Money.of(minor.orElseThrow(), coin);
    }

    /** The cached balance of {@code account} in {@code coin} (zero when it never had a posting). */
    public Money balance(LedgerAccount account, Coin coin) {
        return Money.of(queryOne("SELECT minor FROM balances WHERE account_id = ? AND currency = ?",
                r -> r.getLong(1), account.id(), coin.code()).orElse(0L), coin);
    }

    /** The balance of {@code account} recomputed from its postings (must equal {@link #balance}). */
    public Money balanceFromPostings(LedgerAccount account, Coin coin) {
        return Money.of(queryOne("SELECT COALESCE(SUM(amount), 0) FROM postings WHERE account_id = ? AND currency = ?",
                r -> r.getLong(1), account.id(), coin.code()).orElse(0L), coin);
    }

    /** Every account with a balance row, and its cached balance in {@code coin}. */
    public Map<LedgerAccount, Money> balances(Coin coin) {
        Map<LedgerAccount, Money> balances = new LinkedHashMap<>();
        for (Object[] row : queryAll("SELECT account_id, minor FROM balances WHERE currency = ? ORDER BY account_id",
                r -> new Object[] {r.getString(1), r.getLong(2)}, coin.code())) {
            balances.put(LedgerAccount.parse((String) row[0]), Money.of((Long) row[1], coin));
        }
        return balances;
    }

    /**
     * Writes {@code tx}: updates the balance of every account it touches (in id order, so concurrent writers lock them
     * in one order and cannot deadlock), refuses with {@link InsufficientFundsException} if any balance but the
     * external one would go below zero, then inserts the transaction and its postings. A refusal throws, and the
     * transaction's rollback takes back what was written before it.
     */
    public void post(Transaction tx) {
        Map<String, Money> deltas = new TreeMap<>();
        Map<String, LedgerAccount> accounts = new TreeMap<>();
        for (Posting p : tx.postings()) {
            String id = p.account().id() + "\n" + p.amount().coin().code();
            deltas.merge(id, p.amount(), Money::plus);
            accounts.put(id, p.account());
        }
        for (Map.Entry<String, Money> e : deltas.entrySet()) {
            LedgerAccount account = accounts.get(e.getKey());
            Money delta = e.getValue();
            if (applyInPlace(account, delta)) {
                continue;
            }
            Money balance = lockBalance(account, delta.coin());
            Money after = balance.plus(delta);
            if (after.isNegative() && !account.mayGoNegative()) {
                throw new InsufficientFundsException(account, balance, delta.negate());
            }
            update("UPDATE balances SET minor = ? WHERE account_id = ? AND currency = ?", after.minor(), account.id(), delta.coin().code());
        }
        update("INSERT INTO transactions (tx_id, kind, idempotency_key, call_id, created_ms) VALUES (?, ?, ?, ?, ?)",
                tx.id(), tx.kind().name(), tx.idempotencyKey(), tx.callId(), tx.at().toEpochMilli());
        if (tx.postings().isEmpty()) {
            return;
        }
        // one statement for all the postings: a charge has three, and each statement costs a round through the driver
        StringBuilder sql = new StringBuilder("INSERT INTO postings (tx_id, seq, account_id, currency, decimals, amount) VALUES ");
        List<Object> values = new ArrayList<>(6 * tx.postings().size());
        int seq = 0;
        for (Posting p : tx.postings()) {
            sql.append(seq == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
            values.addAll(List.of(tx.id(), seq++, p.account().id(), p.amount().coin().code(), p.amount().coin().decimals(),
                    p.amount().minor()));
        }
        update(sql.toString(), values.toArray());
    }

    /**
     * Adds {@code delta} to {@code account}'s balance row in one statement, which also locks the row, when the row
     * exists and the new balance is allowed (not below zero, unless the account may go negative) and fits 64 bits.
     * Returns whether it did; when not, {@link #post} reads the balance and refuses the posting or writes it, so the
     * common case (a charge the client can pay) costs one statement per account.
     */
    private boolean applyInPlace(LedgerAccount account, Money delta) {
        long d = delta.minor();
        long floor = account.mayGoNegative() ? Long.MIN_VALUE : 0;
        long lowest = d < 0 ? Math.subtractExact(floor, d) : Long.MIN_VALUE;
        long highest = d > 0 ? Long.MAX_VALUE - d : Long.MAX_VALUE;
        return update("UPDATE balances SET minor = minor + ? WHERE account_id = ? AND currency = ? AND minor >= ? AND minor <= ?",
                d, account.id(), delta.coin().code(), lowest, highest) == 1;
    }

    /** The transaction {@code txId}. */
    public Transaction transaction(String txId) {
        return queryOne("SELECT tx_id, kind, idempotency_key, call_id, created_ms FROM transactions WHERE tx_id = ?",
                r -> new Transaction(r.getString(1), Transaction.Kind.valueOf(r.getString(2)), r.getString(3), r.getString(4),
                        Instant.ofEpochMilli(r.getLong(5)), postings(r.getString(1))), txId)
                .orElseThrow(() -> new IllegalStateException("transaction " + txId + " is missing from the ledger"));
    }

    /** Every transaction, oldest first. */
    public List<Transaction> transactions() {
        List<String> ids = queryAll("SELECT tx_id FROM transactions ORDER BY created_ms, tx_id", r -> r.getString(1));
        List<Transaction> all = new ArrayList<>(ids.size());
        for (String id : ids) {
            all.add(transaction(id));
        }
        return all;
    }

    /** The transactions that touched {@code account}, oldest first. */
    public List<Transaction> transactionsOf(LedgerAccount account) {
        List<String> ids = queryAll("SELECT DISTINCT t.tx_id, t.created_ms FROM transactions t JOIN postings p ON p.tx_id = t.tx_id "
                + "WHERE p.account_id = ? ORDER BY t.created_ms, t.tx_id", r -> r.getString(1), account.id());
        List<Transaction> all = new ArrayList<>(ids.size());
        for (String id : ids) {
            all.add(transaction(id));
        }
        return all;
    }

    private List<Posting> postings(String txId) {
        return queryAll("SELECT account_id, currency, decimals, amount FROM postings WHERE tx_id = ? ORDER BY seq",
                r -> new Posting(LedgerAccount.parse(r.getString(1)), Money.of(r.getLong(4), Coin.of(r.getString(2), r.getInt(3)))), txId);
    }

    /** The number of stored postings (all transactions). */
    public long postingCount() {
        return queryOne("SELECT COUNT(*) FROM postings", r -> r.getLong(1)).orElse(0L);
    }

    // ---- usage meter

    /** Calls by {@code account} to {@code modelId} in {@code period} ({@code YYYY-MM}). */
    public long usage(String account, String modelId, String period) {
        return queryOne("SELECT calls FROM usage_meter WHERE account_id = ? AND model_id = ? AND period = ?",
                r -> r.getLong(1), account, modelId, period).orElse(0L);
    }

    /** Calls by {@code account} to all models in {@code period}. */
    public long usage(String account, String period) {
        return queryOne("SELECT COALESCE(SUM(calls), 0) FROM usage_meter WHERE account_id = ? AND period = ?",
                r -> r.getLong(1), account, period).orElse(0L);
    }

    /** Adds {@code delta} calls to the meter. */
    public void addUsage(String account, String modelId, String period, long delta) {
        update("INSERT INTO usage_meter (account_id, model_id, period, calls) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (account_id, model_id, period) DO UPDATE SET calls = usage_meter.calls + excluded.calls",
                account, modelId, period, delta);
    }

    // ---- plans

    public Optional<PlanRecord> plan(String account) {
        return queryOne("SELECT kind, calls, fee_minor, currency, decimals, paid_period FROM plans WHERE account_id = ?", r -> {
            String kind = r.getString(1);
            long calls = r.getLong(2);
            Plan plan = switch (kind) {
                case "free" -> new Plan.Free(calls);
                case "pay-per-call" -> new Plan.PayPerCall();
                case "subscription" -> new Plan.Subscription(Money.of(r.getLong(3), Coin.of(r.getString(4), r.getInt(5))), calls);
                case "enterprise" -> new Plan.Enterprise(calls);
                default -> throw new IllegalStateException("account '" + account + "' has unknown plan kind '" + kind + "'");
            };
            return new PlanRecord(plan, r.getString(6));
        }, account);
    }

    public void savePlan(String account, Plan plan, String paidPeriod, Instant at) {
        long calls = 0;
        if (plan instanceof Plan.Free f) {
            calls = f.callsPerMonth();
        } else if (plan instanceof Plan.Subscription s) {
            calls = s.includedCalls();
        } else if (plan instanceof Plan.Enterprise e) {
            calls = e.callsPerMonth();
        }
        Money fee = plan instanceof Plan.Subscription s ? s.monthlyFee() : Money.zkc(0);
        update("DELETE FROM plans WHERE account_id = ?", account);
        update("INSERT INTO plans (account_id, kind, calls, fee_minor, currency, decimals, paid_period, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                account, plan.kind(), calls, fee.minor(), fee.coin().code(), fee.coin().decimals(), paidPeriod, at.toEpochMilli());
    }

    // ---- tables with their own classes

    /** The payouts table in this transaction. */
    public PayoutRows payouts() {
        return new PayoutRows(this, dialect);
    }

    /** The binding quotes in this transaction. */
    public QuoteRows quotes() {
        return new QuoteRows(this, dialect);
    }

    /** The metered calls in this transaction. */
    public CallRows calls() {
        return new CallRows(this, dialect);
    }

    // ---- receipts

    public void saveReceipt(SignedReceipt signed) {
        update("INSERT INTO receipts (receipt_id, call_id, issued_ms, signature_hex, node_key_hex) VALUES (?, ?, ?, ?, ?)",
                signed.receipt().receiptId(), signed.receipt().callId(), signed.receipt().issuedAt().toEpochMilli(),
                signed.signatureHex(), signed.nodeKeyHex());
    }

    /** The signed receipt of settled call {@code callId}. */
    public Optional<SignedReceipt> receipt(String callId) {
        Optional<Call> call = calls().get(callId, false);
        if (call.isEmpty()) {
            return Optional.empty();
        }
        Call k = call.get();
        return queryOne("SELECT receipt_id, issued_ms, signature_hex, node_key_hex FROM receipts WHERE call_id = ?",
                r -> new SignedReceipt(new Receipt(r.getString(1), k.callId(), k.modelId(), k.modelVersion(), k.inputDigest(),
                        k.outputDigest(), k.client(), k.developerId(), k.amount(), k.split(), Instant.ofEpochMilli(r.getLong(2))),
                        r.getString(3), r.getString(4)), callId);
    }

    // ---- JDBC plumbing (package-private so that LedgerReports, PayoutRows, QuoteRows and CallRows query through the same connection)

    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    int update(String sql, Object... args) {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, args);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw sqlFailure(sql, e);
        }
    }

    <T> Optional<T> queryOne(String sql, Row<T> row, Object... args) {
        List<T> all = queryAll(sql, row, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    <T> List<T> queryAll(String sql, Row<T> row, Object... args) {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, args);
            List<T> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(row.read(r));
                }
            }
            return out;
        } catch (SQLException e) {
            throw sqlFailure(sql, e);
        }
    }

    private static void bind(PreparedStatement p, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                p.setNull(i + 1, java.sql.Types.NULL);
            } else if (a instanceof Long l) {
                p.setLong(i + 1, l);
            } else if (a instanceof Integer n) {
                p.setInt(i + 1, n);
            } else {
                p.setString(i + 1, a.toString());
            }
        }
    }

    private static RuntimeException sqlFailure(String sql, SQLException e) {
        return new SqlFailure(sql, e);
    }

    /** An SQLException carried out of a session, unwrapped by {@link Database#inTransaction} for retry decisions. */
    static final class SqlFailure extends RuntimeException {
        SqlFailure(String sql, SQLException cause) {
            super("SQL failed: " + cause.getMessage() + " — in: " + sql.split(" ", 4)[0] + " …", cause);
        }

        SQLException sqlException() {
            return (SQLException) getCause();
        }
    }
}
