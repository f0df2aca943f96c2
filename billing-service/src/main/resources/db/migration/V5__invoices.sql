-- Finalised invoices. A draft is computed on request and never stored; finalising stores it once, after which
-- neither the invoice nor its lines can change: UPDATE and DELETE are refused, and so is adding a line after the
-- finalising transaction.
CREATE TABLE invoice (
    tenant_id    TEXT        NOT NULL,
    month        TEXT        NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
    tenant_name  TEXT        NOT NULL,
    cost_centre  TEXT        NOT NULL,
    price_book   TEXT        NOT NULL,
    currency     TEXT        NOT NULL,
    total        NUMERIC     NOT NULL,
    finalised_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, month)
);

CREATE TABLE invoice_line (
    tenant_id               TEXT    NOT NULL,
    month                   TEXT    NOT NULL,
    line_no                 INT     NOT NULL,
    model                   TEXT    NOT NULL,
    token_class             TEXT    NOT NULL,
    tokens                  BIGINT  NOT NULL,
    unit_price_per_million  NUMERIC,
    amount                  NUMERIC NOT NULL,
    price_valid_from        DATE,
    price_source            TEXT,
    PRIMARY KEY (tenant_id, month, line_no),
    FOREIGN KEY (tenant_id, month) REFERENCES invoice (tenant_id, month)
);

CREATE TRIGGER invoice_immutable BEFORE UPDATE OR DELETE ON invoice
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER invoice_line_immutable BEFORE UPDATE OR DELETE ON invoice_line
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE FUNCTION refuse_late_invoice_line() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT finalised_at FROM invoice WHERE tenant_id = NEW.tenant_id AND month = NEW.month) < now() THEN
        RAISE EXCEPTION 'invoice % % is finalised: lines cannot be added', NEW.tenant_id, NEW.month;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER invoice_line_closed BEFORE INSERT ON invoice_line
    FOR EACH ROW EXECUTE FUNCTION refuse_late_invoice_line();
