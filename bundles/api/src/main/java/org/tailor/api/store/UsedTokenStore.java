package org.tailor.api.store;

import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The ids of single-use tokens that were spent, so that a replayed token is refused.
 *
 * <p>Thread safe. Methods throw {@link StoreException} when the database fails.
 */
@ProviderType
public interface UsedTokenStore {

    /**
     * Spends the token: true the first time its id is given, false for every later time, also
     * when two callers race.
     *
     * @param expiresAt when the token stops being valid anyway; the id may be forgotten after it
     */
    boolean spend(String tokenId, String kind, Instant usedAt, Instant expiresAt);

    /** Whether the token was spent (and not yet forgotten). */
    boolean spent(String tokenId);

    /**
     * Forgets ids whose tokens expired before {@code now}.
     *
     * @return how many were forgotten
     */
    int forgetExpired(Instant now);
}
