-- Binding quotes: Quote stores its price, and a call that names the quote (InferRequest.quote_id) is charged at that
-- price instead of the one in force, while the quote is valid and has calls left. Portable SQL (SQLite and
-- PostgreSQL).
CREATE TABLE quotes (
    quote_id            TEXT PRIMARY KEY,
    client              TEXT NOT NULL,
    model_id            TEXT NOT NULL,
    model_version       TEXT NOT NULL,
    proven              INTEGER NOT NULL,
    developer           TEXT NOT NULL,
    currency            TEXT NOT NULL,
    decimals            INTEGER NOT NULL,
    base_minor          BIGINT NOT NULL,
    demand_bps          INTEGER NOT NULL,
    quality_bonus_bps   INTEGER NOT NULL,
    volume_discount_bps INTEGER NOT NULL,
    time_of_day_bps     INTEGER NOT NULL,
    amount_minor        BIGINT NOT NULL,
    developer_share_bps INTEGER NOT NULL,
    calls               BIGINT NOT NULL,
    used                BIGINT NOT NULL,
    quoted_ms           BIGINT NOT NULL,
    valid_until_ms      BIGINT NOT NULL
);
