package org.tailor.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a person's consent history for one purpose. The history is append-only; the
 * current state is derived from the latest entry by {@code recordedAt}.
 *
 * <p>Immutable.
 *
 * @param profileId whose consent, never null
 * @param purpose what it is for, for example {@code email_marketing}, never null
 * @param status the state this entry records, never null
 * @param recordedAt when the person gave or changed it, never null
 * @param source where the evidence came from, for example {@code csv:customers.csv:12}, never null
 */
public record ConsentRecord(String profileId, String purpose, ConsentStatus status,
                            Instant recordedAt, String source) {

    /** The purpose of marketing email. */
    public static final String EMAIL_MARKETING = "email_marketing";

    /**
     * The purpose of selling or sharing personal data (CCPA/CPRA). A Global Privacy Control
     * signal records {@link ConsentStatus#WITHDRAWN} for it.
     */
    public static final String SALE_SHARING = "sale_sharing";

    public ConsentRecord {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(source, "source");
    }
}
