package org.tailor.api.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One link of the tamper-evident audit chain: each entry's hash covers the previous entry's hash
 * and its own fields, so that changing, removing or reordering any entry breaks every link after it.
 * Entries hold ids, purposes and states, never addresses or free text a person wrote, so that the
 * chain can be kept after an erasure.
 *
 * <p>Immutable.
 *
 * @param seq position in the chain, from 1 without gaps
 * @param at when the entry was written, as the store keeps it
 * @param kind what happened, for example {@code consent}, {@code suppression}, {@code subject_request}; never null
 * @param subject whom or what it concerns: a profile id, a suppression hash, a request id; never null
 * @param detail the change in words, never null
 * @param prevHash the hash of entry {@code seq - 1}, or {@link #GENESIS} for the first
 * @param hash {@link #hashOf} of the other fields
 */
public record AuditEntry(long seq, Instant at, String kind, String subject, String detail, String prevHash,
                         String hash) {

    /** The previous hash of the first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }

    /**
     * The hex SHA-256 that links an entry: over the previous hash and the entry's fields, each
     * text field prefixed by its length so that no two different entries read the same.
     */
    public static String hashOf(String prevHash, long seq, Instant at, String kind, String subject, String detail) {
        String canonical = prevHash + "|" + seq + "|" + at + "|" + field(kind) + "|" + field(subject) + "|" + field(detail);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether {@link #hash} is what {@link #hashOf} gives for the fields. */
    public boolean selfConsistent() {
        return hash.equals(hashOf(prevHash, seq, at, kind, subject, detail));
    }

    private static String field(String text) {
        return text.length() + ":" + text;
    }
}
