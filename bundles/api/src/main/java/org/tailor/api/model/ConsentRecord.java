package org.tailor.api.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of a person's consent history for one purpose, with the proof GDPR Art. 7(1) asks
 * for: who acted, when, through which source and channel, on what lawful basis, and which
 * wording of the consent text they saw (its version and SHA-256). The history is append-only;
 * the current state is derived from it by the consent service.
 *
 * <p>Immutable.
 *
 * @param profileId whose consent, never null
 * @param purpose what it is for, for example {@code email_marketing}, never null
 * @param status the state this entry records, never null
 * @param recordedAt when the person gave or changed it, never null
 * @param source where the evidence came from, for example {@code csv:customers.csv:12}, never null
 * @param lawfulBasis what the processing relies on, never null
 * @param channel how the person acted, for example {@code web}, {@code email}, {@code import}, never null
 * @param textVersion the version of the consent text the person saw, or empty if unknown; never null
 * @param textHash the lower-case hex SHA-256 of that text ({@link #textHash(String)}), or empty; never null
 * @param actor who made the change: {@code subject} for the person themselves, an admin's name for a
 *              change on their behalf, a system name for imports; never null
 * @param expiresAt when a grant stops being in force, or empty for no expiry; never null
 */
public record ConsentRecord(String profileId, String purpose, ConsentStatus status, Instant recordedAt,
                            String source, LawfulBasis lawfulBasis, String channel, String textVersion,
                            String textHash, String actor, Optional<Instant> expiresAt) {

    /** The purpose of marketing email. */
    public static final String EMAIL_MARKETING = "email_marketing";

    /**
     * The purpose of selling or sharing personal data (CCPA/CPRA). A Global Privacy Control
     * signal records {@link ConsentStatus#WITHDRAWN} for it.
     */
    public static final String SALE_SHARING = "sale_sharing";

    /** The purpose of reading a person's data to personalize content (profiling). */
    public static final String PERSONALIZATION = "personalization";

    /** The purpose of measuring opens, clicks and visits. */
    public static final String ANALYTICS = "analytics";

    /** The channel of entries that do not say one. */
    public static final String UNSPECIFIED = "unspecified";

    /** The actor of an entry made by the person themselves (a form, a link, a preference page). */
    public static final String SUBJECT = "subject";

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public ConsentRecord {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(lawfulBasis, "lawfulBasis");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(textVersion, "textVersion");
        Objects.requireNonNull(textHash, "textHash");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!textHash.isEmpty() && !HASH.matcher(textHash).matches()) {
            throw new IllegalArgumentException("textHash must be 64 lower-case hex digits (SHA-256) or empty, got '"
                    + textHash + "'");
        }
    }

    /**
     * An entry without further proof: lawful basis {@link LawfulBasis#CONSENT}, channel
     * {@link #UNSPECIFIED}, no text version or hash, actor {@link #UNSPECIFIED}, no expiry.
     */
    public ConsentRecord(String profileId, String purpose, ConsentStatus status, Instant recordedAt, String source) {
        this(profileId, purpose, status, recordedAt, source, LawfulBasis.CONSENT, UNSPECIFIED, "", "", UNSPECIFIED,
                Optional.empty());
    }

    /** Whether this entry grants and its expiry, if any, is after {@code at}. */
    public boolean grantsAt(Instant at) {
        return status == ConsentStatus.GRANTED && expiresAt.map(at::isBefore).orElse(true);
    }

    /** The hex SHA-256 of a consent text's UTF-8 bytes, the form {@link #textHash()} holds. */
    public static String textHash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
