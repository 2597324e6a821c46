-- Payouts of developers' earnings. The developer's request moves the amount from earnings to external and leaves the
-- payout PENDING; an operator who has sent the money closes it COMPLETED with the transfer's reference, or FAILED with
-- the reason, which returns the amount to earnings. Payouts requested before this table have no row. Portable SQL
-- (SQLite and PostgreSQL).
CREATE TABLE payouts (
    payout_id    TEXT PRIMARY KEY,
    developer_id TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency     TEXT NOT NULL,
    decimals     INTEGER NOT NULL,
    destination  TEXT NOT NULL,
    status       TEXT NOT NULL,
    requested_ms BIGINT NOT NULL,
    closed_ms    BIGINT,
    note         TEXT
);
CREATE INDEX payouts_by_developer ON payouts (developer_id, requested_ms);
CREATE INDEX payouts_by_status ON payouts (status, requested_ms);
