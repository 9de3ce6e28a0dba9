package org.tailor.api.consent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.Suppression;
import org.tailor.api.model.SuppressionReason;

/**
 * Addresses that must never be mailed: hard bounces, complaints, manual entries and erased people.
 * Only a keyed hash (HMAC-SHA256) of the normalized address is stored, so the list keeps erased
 * people from being re-imported and mailed without keeping their address. {@link ConsentService#check}
 * consults it for email purposes.
 *
 * <p>Thread safe; methods throw {@link org.tailor.api.store.StoreException} when the store fails.
 */
@ProviderType
public interface SuppressionList {

    /**
     * Suppresses the address; an address already suppressed keeps its first reason.
     *
     * @param note for admins; never put the address in it
     * @return true if it was not suppressed before
     * @throws IllegalArgumentException if the address is blank
     */
    boolean add(String address, SuppressionReason reason, String note, String actor);

    /** The entry for the address, or empty. */
    Optional<Suppression> find(String address);

    /** Up to {@code limit} entries added before {@code before}, newest first; never null. */
    List<Suppression> list(Instant before, int limit);

    /**
     * Lifts the suppression of the address or of a hash shown by {@link #list}.
     *
     * @param addressOrHash an address, or 64 hex digits as listed
     * @return true if there was one
     */
    boolean remove(String addressOrHash, String actor, String reason);

    /** The keyed hash the list stores for the address: what {@link Suppression#addressHash()} shows. */
    String hashOf(String address);
}
