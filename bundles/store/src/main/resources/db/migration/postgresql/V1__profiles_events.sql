-- Profiles, the identities that resolve to them, and their events (PostgreSQL 15+).
-- Same versions and meaning as the H2 scripts in ../h2, with PostgreSQL types:
-- * JSON (not JSONB) for documents: JSON keeps the exact text, so key order and number
--   spellings such as 1.0E10 survive, which the typed round trip of AttributeCodec relies on;
--   it is still validated and queryable with ->> (cast to JSONB where an index needs it).
-- * TIMESTAMPTZ stops at microseconds; the store truncates instants to that before writing.
-- DDL is transactional here, so each script is applied all or nothing.

CREATE TABLE IF NOT EXISTS profiles (
    id             VARCHAR(255) NOT NULL PRIMARY KEY,
    attributes     JSON NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

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
    occurred_at    TIMESTAMPTZ NOT NULL,
    properties     JSON NOT NULL,
    source         VARCHAR(1024) NOT NULL
);

CREATE INDEX IF NOT EXISTS events_profile_occurred ON events (profile_id, occurred_at);
