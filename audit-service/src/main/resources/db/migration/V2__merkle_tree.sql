-- The audit log as an RFC 6962 Merkle tree over canonical entries (leaf index = seq - 1), signed checkpoints and
-- export progress. audit_entry and its hash chain are unchanged.

-- One leaf per audit_entry row: SHA-256(0x00 || entry), entry being the canonical JSON written to export bundles.
-- entry becomes NULL when retention prunes it; leaf_hash stays, so every proof still verifies.
CREATE TABLE merkle_leaf (
    seq       BIGINT PRIMARY KEY CHECK (seq > 0),
    leaf_hash BYTEA  NOT NULL CHECK (octet_length(leaf_hash) = 32),
    entry     BYTEA
);

-- Hashes of the complete perfect subtrees of 2^level leaves (level >= 8) starting at leaf idx * 2^level. Smaller
-- subtrees are recomputed from at most 256 leaf hashes.
CREATE TABLE merkle_node (
    level SMALLINT NOT NULL CHECK (level >= 8),
    idx   BIGINT   NOT NULL CHECK (idx >= 0),
    hash  BYTEA    NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, idx)
);

-- Signed checkpoints: body is the canonical JSON that was signed (tree size, root, previous checkpoint hash, time, key).
CREATE TABLE audit_checkpoint (
    tree_size BIGINT      PRIMARY KEY CHECK (tree_size > 0),
    body      BYTEA       NOT NULL,
    signature TEXT        NOT NULL,
    issued_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX audit_checkpoint_issued_at ON audit_checkpoint (issued_at);
CREATE INDEX audit_entry_occurred_at ON audit_entry (occurred_at);

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;

-- merkle_leaf: the only change allowed is retention clearing the entry of a leaf older than the retention floor
-- (183 days) that a checkpoint covers; the hash never changes.
CREATE FUNCTION merkle_leaf_check_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.seq = OLD.seq AND NEW.leaf_hash = OLD.leaf_hash AND NEW.entry IS NULL
            AND EXISTS (SELECT 1 FROM audit_entry e WHERE e.seq = OLD.seq
                        AND e.recorded_at < now() - interval '183 days')
            AND EXISTS (SELECT 1 FROM audit_checkpoint c WHERE c.tree_size >= OLD.seq) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'merkle_leaf is append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER merkle_leaf_append_only BEFORE UPDATE OR DELETE ON merkle_leaf
    FOR EACH ROW EXECUTE FUNCTION merkle_leaf_check_change();
CREATE TRIGGER merkle_leaf_no_truncate BEFORE TRUNCATE ON merkle_leaf
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER merkle_node_append_only BEFORE UPDATE OR DELETE ON merkle_node
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER merkle_node_no_truncate BEFORE TRUNCATE ON merkle_node
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- Retention: audit_entry rows older than the retention floor (183 days) whose Merkle entry was already cleared
-- and that a checkpoint covers may be deleted; every other change stays refused. The Merkle leaf hashes stay, so
-- every checkpoint and proof of what is kept still verifies.
CREATE OR REPLACE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.recorded_at < now() - interval '183 days'
                AND EXISTS (SELECT 1 FROM merkle_leaf l WHERE l.seq = OLD.seq AND l.entry IS NULL)
                AND EXISTS (SELECT 1 FROM audit_checkpoint c WHERE c.tree_size >= OLD.seq) THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP;
END;
$$;

-- Exports and their progress (operational state, not evidence: the export itself is an audit entry).
CREATE TABLE audit_export (
    export_id       UUID        PRIMARY KEY,
    actor_subject   TEXT        NOT NULL,
    tenant_id       TEXT,
    range_from      TIMESTAMPTZ NOT NULL,
    range_to        TIMESTAMPTZ NOT NULL,
    tree_size       BIGINT      NOT NULL,
    status          TEXT        NOT NULL,
    entries_written BIGINT      NOT NULL DEFAULT 0,
    started_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ
);
