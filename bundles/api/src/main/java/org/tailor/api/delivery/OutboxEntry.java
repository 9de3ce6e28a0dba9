package org.tailor.api.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * One message waiting for, or having passed through, a transport. The message is stored
 * complete (RFC 5322 bytes) so that a resend after a crash is byte-identical.
 *
 * <p>Immutable apart from the array, which callers must not modify.
 *
 * @param idempotencyKey unique per (campaign, recipient, message version), never null
 * @param campaignId never null
 * @param profileId never null
 * @param recipient the envelope recipient address, never null
 * @param mime the complete RFC 5322 message, never null
 * @param status never null
 * @param createdAt never null
 * @param detail the failure reason, or empty
 * @param notBefore not handed to a transport before this instant (quiet hours); never null
 */
public record OutboxEntry(String idempotencyKey, String campaignId, String profileId, String recipient,
                          byte[] mime, OutboxStatus status, Instant createdAt, String detail, Instant notBefore) {

    /** An entry that may go out at once. */
    public OutboxEntry(String idempotencyKey, String campaignId, String profileId, String recipient,
                       byte[] mime, OutboxStatus status, Instant createdAt, String detail) {
        this(idempotencyKey, campaignId, profileId, recipient, mime, status, createdAt, detail, createdAt);
    }

    public OutboxEntry {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(mime, "mime");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(notBefore, "notBefore");
    }
}
