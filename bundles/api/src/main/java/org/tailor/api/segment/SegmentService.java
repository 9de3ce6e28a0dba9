package org.tailor.api.segment;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.Profile;
import org.tailor.api.model.SegmentDefinition;

/**
 * Segments and their membership.
 *
 * <p>Thread safe. Membership is evaluated at call time against the store, relative to the
 * current time. Unknown segment ids raise {@link IllegalArgumentException}.
 */
@ProviderType
public interface SegmentService {

    /** Every segment that loaded without errors, by id; never null. */
    List<SegmentDefinition> segments();

    /** The segment with this id, or empty. */
    Optional<SegmentDefinition> segment(String id);

    /**
     * Definitions that failed to load, one line each naming the file, position and reason;
     * never null. A broken definition never replaces a working one with the same id.
     */
    List<String> problems();

    /** Whether the profile is in the segment now. */
    boolean isMember(String segmentId, Profile profile);

    /**
     * Why the profile is in the segment now or not: every condition with its inputs and result.
     * The root's result always equals {@link #isMember}.
     */
    ExplainStep explain(String segmentId, Profile profile);

    /** Calls the visitor for every current member, streaming; returns how many there were. */
    long forEachMember(String segmentId, Consumer<Profile> visitor);
}
