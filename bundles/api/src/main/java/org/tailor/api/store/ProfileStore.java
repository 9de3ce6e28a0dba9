package org.tailor.api.store;

import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;

/**
 * Durable profiles, looked up by id or by any of their identities.
 *
 * <p>Thread safe. Methods throw {@link StoreException} when the database fails; they never
 * return null.
 */
@ProviderType
public interface ProfileStore {

    /** The profile with this id, or empty. */
    Optional<Profile> find(String profileId);

    /** The profile that holds this identity, or empty. An identity belongs to at most one profile. */
    Optional<Profile> findByIdentity(Identity identity);

    /**
     * Inserts or replaces the profile and its identities in one transaction.
     *
     * @throws StoreException if one of its identities already belongs to another profile
     */
    void save(Profile profile);

    /** How many profiles there are. */
    long count();

    /**
     * Calls the visitor for every profile in id order, streaming from the database so that
     * memory stays bounded. The visitor must not call back into the store on the same thread
     * for writes.
     */
    void forEach(Consumer<Profile> visitor);
}
