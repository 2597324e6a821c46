-- API keys. A key is shown to its holder once, at issue, as zk_<key id>_<secret>; the node keeps only the key id
-- and a SHA-256 of the secret, so a copy of this table lets nobody call as anyone. Portable SQL (SQLite and
-- PostgreSQL).
CREATE TABLE api_keys (
    key_id        TEXT PRIMARY KEY,
    account_id    TEXT NOT NULL,
    operator      INTEGER NOT NULL,
    label         TEXT NOT NULL,
    secret_sha256 TEXT NOT NULL,
    created_ms    BIGINT NOT NULL,
    revoked_ms    BIGINT
);
CREATE INDEX api_keys_by_account ON api_keys (account_id);
