package org.tailor.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.segment.MembershipChange;

/**
 * Who is in each segment now, and the history of who entered and left when.
 *
 * <p>Thread safe; failures throw {@link StoreException}.
 */
@ProviderType
public interface MembershipStore {

    /**
     * Applies changes in one transaction: an entry adds the member (a no-op if present), a leave
     * removes it (a no-op if absent); every change that altered the current membership is appended
     * to the history.
     *
     * @return the changes that altered the current membership, in the order given
     */
    List<MembershipChange> apply(List<MembershipChange> changes);

    /** Streams the current members of the segment; returns how many. */
    long forEachMember(String segmentId, Consumer<String> profileIds);

    /** How many members the segment has now. */
    long size(String segmentId);

    /** The segments the profile is in now; never null. */
    Set<String> segmentsOf(String profileId);

    /** History of one segment from {@code since}, oldest first, at most {@code limit}. */
    List<MembershipChange> changes(String segmentId, Instant since, int limit);

    /** History of one profile, newest first, at most {@code limit}. */
    List<MembershipChange> changesOf(String profileId, int limit);
}
