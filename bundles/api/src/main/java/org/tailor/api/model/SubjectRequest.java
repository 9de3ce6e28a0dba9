package org.tailor.api.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A data-subject request (GDPR Art. 15 access, Art. 17 erasure) and how it went.
 *
 * <p>Immutable.
 *
 * @param id never null
 * @param kind never null
 * @param profileId the person's profile as given when the request was made, never null
 * @param actor who ran it, never null
 * @param requestedAt never null
 * @param state never null
 * @param completedAt when it finished (done or failed), or empty; never null
 * @param detail counts of what was exported or erased, or the failure; never null
 */
public record SubjectRequest(String id, Kind kind, String profileId, String actor, Instant requestedAt, State state,
                             Optional<Instant> completedAt, String detail) {

    /** What the person asked for. */
    public enum Kind {
        /** A copy of everything held about them. */
        EXPORT,
        /** That it be erased. */
        ERASE
    }

    /** Where the request is. */
    public enum State {
        RUNNING,
        DONE,
        FAILED
    }

    public SubjectRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(detail, "detail");
    }
}
