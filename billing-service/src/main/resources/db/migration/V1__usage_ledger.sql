-- One row per UsageRecorded event. The event id is the idempotency key: redelivered events insert nothing.
CREATE TABLE usage_ledger (
    event_id          TEXT        PRIMARY KEY,
    request_id        TEXT        NOT NULL,
    tenant_id         TEXT        NOT NULL,
    key_id            TEXT        NOT NULL,
    model             TEXT        NOT NULL,
    region            TEXT        NOT NULL,
    worker_id         TEXT        NOT NULL,
    node              TEXT        NOT NULL,
    gpu               TEXT        NOT NULL,
    prompt_tokens     BIGINT      NOT NULL CHECK (prompt_tokens >= 0),
    completion_tokens BIGINT      NOT NULL CHECK (completion_tokens >= 0),
    cached_tokens     BIGINT      NOT NULL CHECK (cached_tokens >= 0),
    outcome           TEXT        NOT NULL,
    streamed          BOOLEAN     NOT NULL,
    endpoint          TEXT        NOT NULL,
    occurred_at       TIMESTAMPTZ NOT NULL,
    recorded_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX usage_ledger_tenant_occurred_at ON usage_ledger (tenant_id, occurred_at);
