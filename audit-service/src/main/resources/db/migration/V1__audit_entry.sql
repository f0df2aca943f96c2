-- Append-only, hash-chained audit log: hash = SHA-256(prev_hash || payload); prev_hash of seq 1 is 32 zero bytes.
CREATE TABLE audit_entry (
    seq         BIGINT      PRIMARY KEY CHECK (seq > 0),
    event_id    TEXT        NOT NULL UNIQUE,
    tenant_id   TEXT        NOT NULL,
    request_id  TEXT        NOT NULL,
    event_type  TEXT        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    payload     BYTEA       NOT NULL,
    prev_hash   BYTEA       NOT NULL CHECK (octet_length(prev_hash) = 32),
    hash        BYTEA       NOT NULL CHECK (octet_length(hash) = 32),
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX audit_entry_tenant_occurred_at ON audit_entry (tenant_id, occurred_at);

-- Rows are never changed or removed.
CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();

CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();

-- A new row must extend the chain: next seq, prev_hash = hash of the last row, hash = SHA-256(prev_hash || payload).
CREATE FUNCTION audit_entry_check_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_seq  BIGINT;
    last_hash BYTEA;
BEGIN
    SELECT seq, hash INTO last_seq, last_hash FROM audit_entry ORDER BY seq DESC LIMIT 1;
    IF NEW.seq <> coalesce(last_seq, 0) + 1 THEN
        RAISE EXCEPTION 'audit_entry seq % does not follow %', NEW.seq, coalesce(last_seq, 0);
    END IF;
    IF NEW.prev_hash <> coalesce(last_hash, decode(repeat('00', 32), 'hex')) THEN
        RAISE EXCEPTION 'audit_entry seq %: prev_hash is not the hash of the previous entry', NEW.seq;
    END IF;
    IF NEW.hash <> sha256(NEW.prev_hash || NEW.payload) THEN
        RAISE EXCEPTION 'audit_entry seq %: hash is not SHA-256(prev_hash || payload)', NEW.seq;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER audit_entry_extends_chain
    BEFORE INSERT ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_check_link();
