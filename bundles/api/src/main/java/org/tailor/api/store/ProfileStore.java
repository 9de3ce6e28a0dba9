package org.tailor.api.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.model.ProfileMerge;

/**
 * Durable profiles, looked up by id or by any of their identities.
 *
 * <p>Thread safe. Methods throw {@link StoreException} when the database fails; they never
 * return null.
 */
@ProviderType
public interface ProfileStore {

    /**
     * The profile with this id, or empty. The id of a profile absorbed by a merge finds the
     * profile it was merged into, so ids kept elsewhere (outbox, tokens) stay valid.
     */
    Optional<Profile> find(String profileId);

    /** The profile that holds this identity, or empty. An identity belongs to at most one profile. */
    Optional<Profile> findByIdentity(Identity identity);

    /**
     * The profiles holding any of the given identities, keyed by identity; identities no profile
     * holds are absent. Stores answer it in one round trip per few hundred identities, for batch
     * ingest; the default asks {@link #findByIdentity} for each.
     */
    default Map<Identity, Profile> findByIdentities(Collection<Identity> identities) {
        Map<Identity, Profile> found = new java.util.LinkedHashMap<>();
        for (Identity identity : identities) {
            findByIdentity(identity).ifPresent(profile -> found.put(identity, profile));
        }
        return found;
    }

    /**
     * Inserts or replaces the profiles and their identities with the same rules as {@link #save}.
     * Stores do it in one transaction (all or none) with batched statements; the default saves
     * each in turn.
     *
     * @throws StoreException if an identity already belongs to a profile not in the batch
     */
    default void saveAll(Collection<Profile> profiles) {
        profiles.forEach(this::save);
    }

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

    /**
     * Joins the absorbed profile into the survivor in one transaction: its identities, events and
     * orders move to the survivor, its attributes fill the survivor's missing ones, and it is marked
     * absorbed so that {@link #find} on its id answers with the survivor. What moved is recorded, so
     * that {@link #unmerge} can put it back.
     *
     * @throws StoreException if either profile is missing, they are the same, or one is already absorbed
     */
    ProfileMerge merge(String survivorId, String absorbedId, String reason, Instant at);

    /**
     * Undoes a merge in one transaction: identities, events and orders that came from the absorbed
     * profile go back to it, and both profiles' attributes return to their state before the merge
     * except where they changed since.
     *
     * @throws StoreException if there is no such active merge, or the survivor was itself absorbed later
     */
    ProfileMerge unmerge(String mergeId, Instant at);

    /** The merges the profile took part in, as survivor or absorbed, oldest first; never null. */
    List<ProfileMerge> merges(String profileId);

    /** One merge by id. */
    Optional<ProfileMerge> findMerge(String mergeId);
}
