-- The budget state last published per tenant (current month), with the tenant's event sequence.
CREATE TABLE budget_state (
    tenant_id         TEXT        PRIMARY KEY,
    month             TEXT        NOT NULL,
    state             TEXT        NOT NULL,
    threshold_percent INT         NOT NULL,
    sequence          BIGINT      NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every state change, as shown by GET /billing/v1/tenants/{tenant}/alerts.
CREATE TABLE budget_alert (
    tenant_id         TEXT        NOT NULL,
    sequence          BIGINT      NOT NULL,
    month             TEXT        NOT NULL,
    state             TEXT        NOT NULL,
    threshold_percent INT         NOT NULL,
    tokens_used       BIGINT      NOT NULL,
    token_budget      BIGINT      NOT NULL,
    cost_used         NUMERIC     NOT NULL,
    cost_budget       NUMERIC,
    currency          TEXT        NOT NULL,
    raised_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, sequence)
);

-- Transactional outbox: BudgetStateChanged envelopes written with the state change, deleted once Kafka acknowledged
-- them, so a crash between the database commit and the send loses nothing.
CREATE TABLE budget_outbox (
    id         BIGSERIAL   PRIMARY KEY,
    tenant_id  TEXT        NOT NULL,
    payload    BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
