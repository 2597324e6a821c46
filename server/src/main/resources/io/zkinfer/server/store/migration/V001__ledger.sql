-- The billing ledger. Portable SQL: runs unchanged on SQLite and PostgreSQL (BIGINT amounts, TEXT ids,
-- INTEGER flags, no vendor types). Amounts are whole minor units; no floating point anywhere.

-- Cached balance per ledger account and currency, updated in the same transaction as its postings.
CREATE TABLE balances (
    account_id TEXT NOT NULL,
    currency   TEXT NOT NULL,
    minor      BIGINT NOT NULL,
    PRIMARY KEY (account_id, currency),
    CHECK (minor >= 0 OR account_id LIKE 'external:%')
);

CREATE TABLE transactions (
    tx_id           TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    call_id         TEXT,
    created_ms      BIGINT NOT NULL
);

-- Signed amounts added to an account's balance; each transaction's postings sum to zero per currency.
CREATE TABLE postings (
    tx_id      TEXT NOT NULL REFERENCES transactions (tx_id),
    seq        INTEGER NOT NULL,
    account_id TEXT NOT NULL,
    currency   TEXT NOT NULL,
    decimals   INTEGER NOT NULL,
    amount     BIGINT NOT NULL,
    PRIMARY KEY (tx_id, seq)
);
CREATE INDEX postings_by_account ON postings (account_id, currency);

-- One row per charging call's idempotency key, written with the postings it caused.
CREATE TABLE idempotency_keys (
    idempotency_key TEXT PRIMARY KEY,
    operation       TEXT NOT NULL,
    params_sha256   TEXT NOT NULL,
    result_id       TEXT NOT NULL,
    created_ms      BIGINT NOT NULL
);

-- Metered calls: charged at once (unproven) or held until settled or released (proven).
CREATE TABLE calls (
    call_id             TEXT PRIMARY KEY,
    client              TEXT NOT NULL,
    model_id            TEXT NOT NULL,
    model_version       TEXT NOT NULL,
    input_digest        TEXT NOT NULL,
    proven              INTEGER NOT NULL,
    basis               TEXT NOT NULL,
    developer           TEXT NOT NULL,
    currency            TEXT NOT NULL,
    decimals            INTEGER NOT NULL,
    base_minor          BIGINT NOT NULL,
    demand_bps          INTEGER NOT NULL,
    quality_bonus_bps   INTEGER NOT NULL,
    volume_discount_bps INTEGER NOT NULL,
    time_of_day_bps     INTEGER NOT NULL,
    quoted_minor        BIGINT NOT NULL,
    amount_minor        BIGINT NOT NULL,
    developer_share_bps INTEGER NOT NULL,
    state               TEXT NOT NULL,
    period              TEXT NOT NULL,
    created_ms          BIGINT NOT NULL,
    deadline_ms         BIGINT NOT NULL,
    closed_ms           BIGINT,
    output_digest       TEXT
);
CREATE INDEX calls_by_state_deadline ON calls (state, deadline_ms);

-- Calls per account, model and calendar month (UTC, 'YYYY-MM').
CREATE TABLE usage_meter (
    account_id TEXT NOT NULL,
    model_id   TEXT NOT NULL,
    period     TEXT NOT NULL,
    calls      BIGINT NOT NULL,
    PRIMARY KEY (account_id, model_id, period)
);

-- An account's plan; an account without a row is on the default free tier.
CREATE TABLE plans (
    account_id  TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    calls       BIGINT NOT NULL,
    fee_minor   BIGINT NOT NULL,
    currency    TEXT NOT NULL,
    decimals    INTEGER NOT NULL,
    paid_period TEXT,
    updated_ms  BIGINT NOT NULL
);

-- The node's signature over each settled call's receipt (its fields come from the call row).
CREATE TABLE receipts (
    receipt_id    TEXT PRIMARY KEY,
    call_id       TEXT NOT NULL UNIQUE REFERENCES calls (call_id),
    issued_ms     BIGINT NOT NULL,
    signature_hex TEXT NOT NULL,
    node_key_hex  TEXT NOT NULL
);
