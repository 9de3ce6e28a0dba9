-- Durable trigger timers (PostgreSQL 15+).
-- The H2 twin is h2/V6__trigger_timers.sql; both end at the same schema.

-- One row per (trigger, person, cause); timer_key is derived from the three and is also the
-- idempotency key of the outbox entry the timer produces. A node claims a due row by setting
-- claimed_by and lease_until; a lease that ended lets another node claim it again.
CREATE TABLE IF NOT EXISTS trigger_timers (
    timer_key         VARCHAR(128) NOT NULL PRIMARY KEY,
    trigger_id        VARCHAR(64) NOT NULL,
    profile_id        VARCHAR(255) NOT NULL,
    cause             VARCHAR(255) NOT NULL,
    started_at        TIMESTAMPTZ NOT NULL,
    due_at            TIMESTAMPTZ NOT NULL,
    trigger_version   INTEGER NOT NULL,
    status            VARCHAR(16) NOT NULL,
    attempts          INTEGER NOT NULL,
    claimed_by        VARCHAR(255) NOT NULL,
    lease_until       TIMESTAMPTZ,
    detail            VARCHAR(4000) NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

-- What the poller reads: pending rows by due time.
CREATE INDEX IF NOT EXISTS trigger_timers_due ON trigger_timers (status, due_at);

-- One person's timers of one trigger: cancelling events, supersession, explain.
CREATE INDEX IF NOT EXISTS trigger_timers_person ON trigger_timers (trigger_id, profile_id, started_at);
