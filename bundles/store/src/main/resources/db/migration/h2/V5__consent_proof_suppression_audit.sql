-- Consent proof, the suppression list, the audit chain, used tokens and data-subject requests (H2).
-- The PostgreSQL twin is postgresql/V5__consent_proof_suppression_audit.sql; both end at the same schema.
-- Statements are safe to run again: H2 commits each DDL statement on its own.

-- The proof GDPR Art. 7 asks for. Rows written before V5 get the defaults ConsentRecord's
-- five-argument constructor documents: basis CONSENT, channel and actor 'unspecified', no text.
ALTER TABLE consent_records ADD COLUMN IF NOT EXISTS lawful_basis VARCHAR(32) DEFAULT 'CONSENT' NOT NULL;

ALTER TABLE consent_records ADD COLUMN IF NOT EXISTS channel VARCHAR(64) DEFAULT 'unspecified' NOT NULL;

ALTER TABLE consent_records ADD COLUMN IF NOT EXISTS text_version VARCHAR(128) DEFAULT '' NOT NULL;

ALTER TABLE consent_records ADD COLUMN IF NOT EXISTS text_hash VARCHAR(64) DEFAULT '' NOT NULL;

ALTER TABLE consent_records ADD COLUMN IF NOT EXISTS actor VARCHAR(255) DEFAULT 'unspecified' NOT NULL;

ALTER TABLE consent_records ADD COLUMN IF NOT EXISTS expires_at TIMESTAMP(9) WITH TIME ZONE;

-- Addresses that must not be mailed, kept only as a keyed hash (HMAC-SHA256 of the normalized
-- address, hex) so that an erased person's address is not kept and is still never re-imported and mailed.
CREATE TABLE IF NOT EXISTS suppressions (
    address_hash      VARCHAR(64) NOT NULL PRIMARY KEY,
    reason            VARCHAR(16) NOT NULL,
    note              VARCHAR(1024) NOT NULL,
    added_at          TIMESTAMP(9) WITH TIME ZONE NOT NULL
);

CREATE INDEX IF NOT EXISTS suppressions_added ON suppressions (added_at);

-- The tamper-evident log: hash = SHA-256 over prev_hash and the row's fields (see AuditChain).
-- seq is assigned by the appender, gap-free, under the lock on audit_head's single row.
CREATE TABLE IF NOT EXISTS audit_log (
    seq               BIGINT NOT NULL PRIMARY KEY,
    logged_at         TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    kind              VARCHAR(32) NOT NULL,
    subject           VARCHAR(255) NOT NULL,
    detail            VARCHAR(4000) NOT NULL,
    prev_hash         VARCHAR(64) NOT NULL,
    hash              VARCHAR(64) NOT NULL
);

CREATE TABLE IF NOT EXISTS audit_head (
    id                INTEGER NOT NULL PRIMARY KEY,
    seq               BIGINT NOT NULL,
    hash              VARCHAR(64) NOT NULL
);

MERGE INTO audit_head (id, seq, hash) KEY (id)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Ids of single-use tokens that were spent; kept until the token would have expired anyway.
CREATE TABLE IF NOT EXISTS used_tokens (
    token_id          VARCHAR(64) NOT NULL PRIMARY KEY,
    kind              VARCHAR(16) NOT NULL,
    used_at           TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP(9) WITH TIME ZONE NOT NULL
);

CREATE INDEX IF NOT EXISTS used_tokens_expires ON used_tokens (expires_at);

CREATE TABLE IF NOT EXISTS subject_requests (
    id                VARCHAR(64) NOT NULL PRIMARY KEY,
    kind              VARCHAR(16) NOT NULL,
    profile_id        VARCHAR(255) NOT NULL,
    actor             VARCHAR(255) NOT NULL,
    requested_at      TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    state             VARCHAR(16) NOT NULL,
    completed_at      TIMESTAMP(9) WITH TIME ZONE,
    detail            VARCHAR(4000) NOT NULL
);

CREATE INDEX IF NOT EXISTS subject_requests_requested ON subject_requests (requested_at);
