package org.tailor.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An address that must not be mailed, known only by its keyed hash.
 *
 * <p>Immutable.
 *
 * @param addressHash lower-case hex HMAC-SHA256 of the normalized address under the installation's key, never null
 * @param reason never null
 * @param note what an admin wants to remember, never the address; never null
 * @param addedAt never null
 */
public record Suppression(String addressHash, SuppressionReason reason, String note, Instant addedAt) {

    public Suppression {
        Objects.requireNonNull(addressHash, "addressHash");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(addedAt, "addedAt");
    }
}
