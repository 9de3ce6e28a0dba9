-- Outbox leases for several nodes sharing one database, and quiet-hour deferral.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS lease_owner VARCHAR(255);
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS lease_until TIMESTAMPTZ;
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS not_before TIMESTAMPTZ;
UPDATE outbox SET not_before = created_at WHERE not_before IS NULL;
ALTER TABLE outbox ALTER COLUMN not_before SET NOT NULL;

CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, not_before);
CREATE INDEX IF NOT EXISTS outbox_profile_recent ON outbox (profile_id, created_at);
