-- Profiles, the identities that resolve to them, and their events.
--
-- Written for H2 2.x and meant to run unchanged on PostgreSQL 15+ except where noted:
-- * JSON documents are CLOB here; PostgreSQL has no CLOB: use JSONB (queryable) or TEXT.
-- * TIMESTAMP(9) keeps Java's nanoseconds in H2; PostgreSQL stops at microseconds (precision 6).
-- * Statements use IF NOT EXISTS because H2 commits on DDL: a migration interrupted halfway
--   is simply run again. Each statement ends with a semicolon at the end of a line.

CREATE TABLE IF NOT EXISTS profiles (
    id             VARCHAR(255) NOT NULL PRIMARY KEY,
    attributes     CLOB NOT NULL,
    created_at     TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP(9) WITH TIME ZONE NOT NULL
);

-- VALUE is a reserved word in H2, hence identity_value.
CREATE TABLE IF NOT EXISTS profile_identities (
    namespace      VARCHAR(64) NOT NULL,
    identity_value VARCHAR(512) NOT NULL,
    profile_id     VARCHAR(255) NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    PRIMARY KEY (namespace, identity_value)
);

CREATE INDEX IF NOT EXISTS profile_identities_profile ON profile_identities (profile_id);

-- No foreign key to profiles: bulk imports may write events before or without their profile.
CREATE TABLE IF NOT EXISTS events (
    id             VARCHAR(255) NOT NULL PRIMARY KEY,
    profile_id     VARCHAR(255) NOT NULL,
    type           VARCHAR(64) NOT NULL,
    occurred_at    TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    properties     CLOB NOT NULL,
    source         VARCHAR(1024) NOT NULL
);

CREATE INDEX IF NOT EXISTS events_profile_occurred ON events (profile_id, occurred_at);
