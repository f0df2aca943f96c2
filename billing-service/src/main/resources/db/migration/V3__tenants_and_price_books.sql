-- Latest snapshot of each tenant, from TenantChanged events (tenant_version only ever increases).
CREATE TABLE tenant (
    tenant_id            TEXT        PRIMARY KEY,
    tenant_version       BIGINT      NOT NULL,
    name                 TEXT        NOT NULL,
    status               TEXT        NOT NULL,
    cost_centre          TEXT        NOT NULL,
    -- Empty: the platform's default price book.
    price_book           TEXT        NOT NULL,
    -- 0: no token budget.
    monthly_token_budget BIGINT      NOT NULL CHECK (monthly_token_budget >= 0),
    -- NULL: no cost budget. In the tenant's price book currency.
    monthly_cost_budget  NUMERIC     CHECK (monthly_cost_budget >= 0),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Price books and their prices are append-only: a new price is a new row with a later valid_from, so the price
-- that applied to any past day never changes. Triggers refuse UPDATE and DELETE.
CREATE TABLE price_book (
    id         TEXT        PRIMARY KEY,
    currency   TEXT        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Prices per million tokens. A NULL cached-input price means cached input tokens cost the input price.
CREATE TABLE model_price (
    book_id                  TEXT        NOT NULL REFERENCES price_book (id),
    model                    TEXT        NOT NULL,
    valid_from               DATE        NOT NULL,
    input_per_million        NUMERIC     NOT NULL CHECK (input_per_million >= 0),
    output_per_million       NUMERIC     NOT NULL CHECK (output_per_million >= 0),
    cached_input_per_million NUMERIC     CHECK (cached_input_per_million >= 0),
    created_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (book_id, model, valid_from)
);

-- Contract prices of one tenant for one model, in the currency of the tenant's price book. While one is in force
-- it replaces the book's price for that tenant and model.
CREATE TABLE tenant_price (
    tenant_id                TEXT        NOT NULL,
    model                    TEXT        NOT NULL,
    valid_from               DATE        NOT NULL,
    input_per_million        NUMERIC     NOT NULL CHECK (input_per_million >= 0),
    output_per_million       NUMERIC     NOT NULL CHECK (output_per_million >= 0),
    cached_input_per_million NUMERIC     CHECK (cached_input_per_million >= 0),
    created_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, model, valid_from)
);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable: % refused', TG_TABLE_NAME, TG_OP;
END
$$;

CREATE TRIGGER price_book_immutable BEFORE UPDATE OR DELETE ON price_book
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER model_price_immutable BEFORE UPDATE OR DELETE ON model_price
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER tenant_price_immutable BEFORE UPDATE OR DELETE ON tenant_price
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
