package io.zkinfer.server.runtime;

import io.zkinfer.server.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The statements over {@code proof_jobs}, each inside the caller's transaction on {@code connection}. */
final class ProofJobTable {

    private static final String COLUMNS = "job_id, owner_account, model_id, version, call_id, idempotency_key, "
            + "state, message, inputs, outputs, input_sha256, output_sha256, proof, charge_minor, currency, decimals, "
            + "claimed_by, lease_until_ms, attempts, submitted_ms, started_ms, finished_ms, proving_ms";

    private final Connection c;
    private final Dialect dialect;

    ProofJobTable(Connection connection, Dialect dialect) {
        this.c = connection;
        this.dialect = dialect;
    }

    /** Inserts {@code row} unless a job with its id exists (a retried call); whether it inserted. */
    boolean insertIfAbsent(ProofJobRow row) throws SQLException {
        if (find(row.jobId(), false).isPresent()) {
            return false;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO proof_jobs (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, row.jobId());
            p.setString(2, row.owner());
            p.setString(3, row.modelId());
            p.setLong(4, row.version());
            p.setString(5, row.callId());
            p.setString(6, row.idempotencyKey());
            p.setString(7, row.state().name());
            p.setString(8, row.message());
            p.setString(9, row.inputs());
            p.setString(10, row.outputs());
            p.setString(11, row.inputSha256());
            p.setString(12, row.outputSha256());
            p.setString(13, row.proof());
            p.setLong(14, row.chargeMinor());
            p.setString(15, row.currency());
            p.setInt(16, row.decimals());
            p.setString(17, row.claimedBy());
            p.setLong(18, row.leaseUntilMs());
            p.setInt(19, row.attempts());
            p.setLong(20, row.submittedMs());
            p.setLong(21, row.startedMs());
            p.setLong(22, row.finishedMs());
            p.setLong(23, row.provingMs());
            p.executeUpdate();
            return true;
        }
    }

    Optional<ProofJobRow> find(String jobId, boolean forUpdate) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM proof_jobs WHERE job_id = ?"
                + (forUpdate ? dialect.lockRows() : ""))) {
            p.setString(1, jobId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    /**
     * The oldest job that is queued, or running under a lease that lapsed at {@code nowMs}, locked for this
     * transaction (rows other nodes hold are skipped).
     */
    Optional<ProofJobRow> nextClaimable(long nowMs) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM proof_jobs WHERE state = 'QUEUED' "
                + "OR (state = 'RUNNING' AND lease_until_ms < ?) ORDER BY submitted_ms, job_id LIMIT 1"
                + dialect.claimRows())) {
            p.setLong(1, nowMs);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    /** Marks {@code jobId} running on {@code node} until {@code leaseUntilMs}. */
    void claim(String jobId, String node, long leaseUntilMs, long nowMs) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE proof_jobs SET state = 'RUNNING', message = ?, "
                + "claimed_by = ?, lease_until_ms = ?, attempts = attempts + 1, "
                + "started_ms = CASE WHEN started_ms = 0 THEN ? ELSE started_ms END WHERE job_id = ?")) {
            p.setString(1, "proving");
            p.setString(2, node);
            p.setLong(3, leaseUntilMs);
            p.setLong(4, nowMs);
            p.setString(5, jobId);
            p.executeUpdate();
        }
    }

    /** Extends {@code node}'s claim on {@code jobId}; whether it still held it. */
    boolean renew(String jobId, String node, long leaseUntilMs) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE proof_jobs SET lease_until_ms = ? "
                + "WHERE job_id = ? AND claimed_by = ? AND state = 'RUNNING'")) {
            p.setLong(1, leaseUntilMs);
            p.setString(2, jobId);
            p.setString(3, node);
            return p.executeUpdate() == 1;
        }
    }

    /**
     * Ends {@code jobId}: its state, message, proof (or null), timings; its inputs are dropped, and
     * {@code claimed_by} keeps the node that held it last.
     */
    void finish(String jobId, ProofJobView.State state, String message, String proof, long nowMs, long provingMs)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE proof_jobs SET state = ?, message = ?, proof = ?, "
                + "inputs = NULL, finished_ms = ?, proving_ms = ? WHERE job_id = ?")) {
            p.setString(1, state.name());
            p.setString(2, message);
            p.setString(3, proof);
            p.setLong(4, nowMs);
            p.setLong(5, provingMs);
            p.setString(6, jobId);
            p.executeUpdate();
        }
    }

    /** Queued jobs submitted before {@code submittedMs} (all queued jobs for {@link Long#MAX_VALUE}). */
    int queuedBefore(long submittedMs) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM proof_jobs WHERE state = 'QUEUED' "
                + "AND submitted_ms < ?")) {
            p.setLong(1, submittedMs);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static ProofJobRow row(ResultSet r) throws SQLException {
        return new ProofJobRow(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getString(5),
                r.getString(6), ProofJobView.State.valueOf(r.getString(7)), r.getString(8), r.getString(9),
                r.getString(10), r.getString(11), r.getString(12), r.getString(13), r.getLong(14), r.getString(15),
                r.getInt(16), r.getString(17), r.getLong(18), r.getInt(19), r.getLong(20), r.getLong(21),
                r.getLong(22), r.getLong(23));
    }
}
