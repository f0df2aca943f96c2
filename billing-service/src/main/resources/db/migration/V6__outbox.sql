-- The budget outbox becomes billing's one transactional outbox: every row names its channel (BUDGET_STATE: the
-- budget-state topic, AUDIT: the audit topic) and its Kafka record key. Rows already waiting are budget events.
ALTER TABLE budget_outbox RENAME TO outbox;
ALTER SEQUENCE budget_outbox_id_seq RENAME TO outbox_id_seq;
ALTER INDEX budget_outbox_pkey RENAME TO outbox_pkey;
ALTER TABLE outbox RENAME COLUMN tenant_id TO record_key;
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'BUDGET_STATE'
    CHECK (channel IN ('BUDGET_STATE', 'AUDIT'));
ALTER TABLE outbox ALTER COLUMN channel DROP DEFAULT;
