package org.tailor.api.ingest;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.ProfileMerge;

/**
 * Profile merges for admins: see which profiles were joined and why, join two by hand, and undo a
 * merge. Ingest merges on its own when a record links two profiles (a shared email, customer id
 * or an alias); consent is then combined conservatively, so that a withdrawal on either side wins.
 *
 * <p>Thread safe.
 */
@ProviderType
public interface IdentityService {

    /** The merges the profile took part in, as survivor or absorbed, oldest first; never null. */
    List<ProfileMerge> merges(String profileId);

    /** One merge by id. */
    Optional<ProfileMerge> merge(String mergeId);

    /**
     * Joins the absorbed profile into the survivor.
     *
     * @throws IllegalArgumentException if either profile does not exist, they are the same, or one
     *     was already absorbed into another
     */
    ProfileMerge mergeProfiles(String survivorId, String absorbedId, String reason);

    /**
     * Undoes a merge: the absorbed profile gets back its identities, events and orders, and its
     * attributes as they were. Consent entries written by the merge stay, because loosening a
     * combined withdrawal could send mail someone refused; the absorbed profile keeps its own history.
     *
     * @throws IllegalArgumentException if there is no such merge, it was undone already, or a later
     *     merge absorbed the survivor (undo that one first)
     */
    ProfileMerge unmerge(String mergeId);
}
