-- The model registry. Portable SQL as in V001. Settings that only the node reads back whole (pricing, access
-- rules, serving settings, the deploy header) are stored as base64 of their protobuf encoding.

CREATE TABLE models (
    model_id       TEXT PRIMARY KEY,
    owner_account  TEXT NOT NULL,
    name           TEXT NOT NULL,
    description    TEXT NOT NULL,
    active_version BIGINT NOT NULL,
    retired        INTEGER NOT NULL,
    pricing        TEXT NOT NULL,
    access         TEXT NOT NULL,
    created_ms     BIGINT NOT NULL,
    UNIQUE (owner_account, name)
);

-- One row per uploaded version. The model file lives in the content-addressed store under file_sha256; the
-- compiled model directory under the model id and version.
CREATE TABLE model_versions (
    model_id          TEXT NOT NULL REFERENCES models (model_id),
    version           BIGINT NOT NULL,
    status            TEXT NOT NULL,
    status_message    TEXT NOT NULL,
    file_sha256       TEXT NOT NULL,
    build_spec        TEXT NOT NULL,
    serving           TEXT NOT NULL,
    activate_on_ready INTEGER NOT NULL,
    model_digest      TEXT NOT NULL,
    vk_sha256         TEXT NOT NULL,
    constraints       BIGINT NOT NULL,
    wires             BIGINT NOT NULL,
    public_signals    BIGINT NOT NULL,
    notes             TEXT NOT NULL,
    created_ms        BIGINT NOT NULL,
    ready_ms          BIGINT NOT NULL,
    PRIMARY KEY (model_id, version)
);

-- Deploy and Upgrade calls by idempotency key: a retry with the same key and request gets the first answer.
CREATE TABLE registry_requests (
    owner_account   TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_sha256  TEXT NOT NULL,
    model_id        TEXT NOT NULL,
    version         BIGINT NOT NULL,
    PRIMARY KEY (owner_account, idempotency_key)
);
