-- Late usage: usage ledgered while the invoice of the month it occurred in was already final. It stays in the ledger
-- and in usage_daily (reports are by occurrence day) and is also summed here, under the month in which it was
-- ledgered (billed_month, always open then), so that month's invoice bills it in lines carried from the month of
-- use. Maintained in the ingesting transaction like usage_daily; day is the day of use, which selects the price.
CREATE TABLE usage_carried (
    tenant_id           TEXT   NOT NULL,
    billed_month        TEXT   NOT NULL CHECK (billed_month ~ '^[0-9]{4}-[0-9]{2}$'),
    day                 DATE   NOT NULL,
    model               TEXT   NOT NULL,
    requests            BIGINT NOT NULL,
    input_tokens        BIGINT NOT NULL,
    cached_input_tokens BIGINT NOT NULL,
    output_tokens       BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, billed_month, day, model)
);

-- A carried line names the month its tokens were used in; NULL on the month's own lines. Adding the column rewrites
-- no row, so the immutability triggers of final invoices are untouched.
ALTER TABLE invoice_line ADD COLUMN carried_from TEXT CHECK (carried_from ~ '^[0-9]{4}-[0-9]{2}$');
