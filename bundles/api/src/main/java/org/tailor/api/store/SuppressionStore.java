package org.tailor.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.Suppression;

/**
 * Suppressed addresses by keyed hash. Every add and remove is also appended to the audit chain.
 *
 * <p>Thread safe. Methods throw {@link StoreException} when the database fails.
 */
@ProviderType
public interface SuppressionStore {

    /**
     * Adds the entry unless the hash is already suppressed (the first reason is kept).
     *
     * @return true if added
     */
    boolean add(Suppression suppression, String actor);

    /** The entry for the hash, or empty. */
    Optional<Suppression> find(String addressHash);

    /** Up to {@code limit} entries added before {@code before}, newest first; never null. */
    List<Suppression> list(Instant before, int limit);

    /**
     * Removes the entry.
     *
     * @return true if there was one
     */
    boolean remove(String addressHash, String actor, String reason);

    /** How many there are. */
    long count();
}
