-- Daily aggregates of the ledger per tenant, model and key, maintained in the same transaction as the ledger rows
-- they count (only rows that were actually inserted), so they are exactly-once too. Invoices, budgets and usage
-- reports read them instead of scanning the ledger. Input tokens here exclude cached input tokens.
CREATE TABLE usage_daily (
    tenant_id           TEXT   NOT NULL,
    day                 DATE   NOT NULL,
    model               TEXT   NOT NULL,
    key_id              TEXT   NOT NULL,
    requests            BIGINT NOT NULL,
    input_tokens        BIGINT NOT NULL,
    cached_input_tokens BIGINT NOT NULL,
    output_tokens       BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, day, model, key_id)
);
