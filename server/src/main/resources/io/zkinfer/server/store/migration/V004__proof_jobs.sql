-- Proof jobs, shared by every node on the database: a node claims a queued job (or one whose claiming node let
-- its lease lapse) inside a transaction with the row locked, so no two nodes prove the same job, and a job whose
-- node died is picked up again once its lease ends. The inputs are kept only until the job ends (they may be
-- private); outputs and the proof stay for GetProofJob.
CREATE TABLE proof_jobs (
    job_id          TEXT PRIMARY KEY,
    owner_account   TEXT NOT NULL,
    model_id        TEXT NOT NULL,
    version         BIGINT NOT NULL,
    call_id         TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    state           TEXT NOT NULL,
    message         TEXT NOT NULL,
    inputs          TEXT,
    outputs         TEXT NOT NULL,
    input_sha256    TEXT NOT NULL,
    output_sha256   TEXT NOT NULL,
    proof           TEXT,
    charge_minor    BIGINT NOT NULL,
    currency        TEXT NOT NULL,
    decimals        INTEGER NOT NULL,
    claimed_by      TEXT,
    lease_until_ms  BIGINT NOT NULL,
    attempts        INTEGER NOT NULL,
    submitted_ms    BIGINT NOT NULL,
    started_ms      BIGINT NOT NULL,
    finished_ms     BIGINT NOT NULL,
    proving_ms      BIGINT NOT NULL
);

CREATE INDEX proof_jobs_by_state ON proof_jobs (state, submitted_ms);
