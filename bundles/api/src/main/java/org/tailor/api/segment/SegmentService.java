package org.tailor.api.segment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.Profile;
import org.tailor.api.model.SegmentDefinition;

/**
 * Segments and their membership.
 *
 * <p>Thread safe. {@link #isMember}, {@link #explain} and {@link #forEachMember} evaluate at call
 * time against the store, relative to the current time; the stored membership ({@link #size},
 * {@link #segmentsOf}, {@link #changes}) is kept current as data arrives and windows move, and is
 * what membership listeners are told about. Unknown segment ids raise
 * {@link IllegalArgumentException}.
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

    /**
     * Calls the visitor for every current member, streaming; returns how many there were. A
     * dynamic segment is evaluated now; a static one gives its snapshot's members that still exist.
     */
    long forEachMember(String segmentId, Consumer<Profile> visitor);

    /**
     * How many members the segment has by its stored membership, which dynamic segments keep
     * current as data arrives and windows move.
     */
    long size(String segmentId);

    /**
     * Evaluates every profile against the segment now, stores the membership and publishes who
     * entered and left. For a static segment it changes nothing and reports its size.
     */
    MembershipUpdate recompute(String segmentId);

    /**
     * Freezes the members of a segment now as a new static segment, which never changes again.
     *
     * @param snapshotId the id of the new segment; must not be in use
     * @throws IllegalArgumentException for an unknown segment or an id in use or not valid
     */
    SegmentDefinition snapshot(String segmentId, String snapshotId);

    /** Who entered and left the segment from {@code since}, oldest first, at most {@code limit}. */
    List<MembershipChange> changes(String segmentId, Instant since, int limit);

    /** The segments the profile is in by stored membership; never null. */
    Set<String> segmentsOf(String profileId);

    /**
     * Checks a segment file and, if it loads, stores it as the definition of its id (replacing
     * one with the same id): how definitions are created and updated.
     *
     * @param fileName {@code <id>.json} or {@code <id>.seg}
     * @param content the file's text
     * @return the definition now in force
     * @throws IllegalArgumentException with the problem (file, line, column, reason) if it does not load;
     *                                  the definition in force is then left as it was
     */
    SegmentDefinition save(String fileName, String content);

    /**
     * Removes a segment (dynamic or static) and its stored membership; the history stays.
     *
     * @return false if there was no such segment
     * @throws IllegalArgumentException if other segments refer to it
     */
    boolean delete(String segmentId);
}
