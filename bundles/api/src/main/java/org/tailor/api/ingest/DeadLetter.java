package org.tailor.api.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A rejected record kept with its reasons, so that nothing is dropped silently: an admin can
 * read it, fix the cause and replay it.
 *
 * <p>Immutable.
 *
 * @param id the store's id for it, positive once stored (0 before)
 * @param record the record as the connector gave it, never null
 * @param violations why it was rejected, never null or empty
 * @param rejectedAt when, never null
 * @param state whether it still waits for an admin, never null
 * @param note what happened to it after rejection (the replay's outcome), never null, may be empty
 */
public record DeadLetter(long id, InboundRecord record, List<Violation> violations, Instant rejectedAt,
                         State state, String note) {

    /** Where a dead letter stands. */
    public enum State {
        /** Waiting for an admin. */
        OPEN,
        /** Replayed and accepted. */
        REPLAYED,
        /** Set aside by an admin as not worth keeping. */
        DISCARDED
    }

    public DeadLetter {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(rejectedAt, "rejectedAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(note, "note");
        violations = List.copyOf(violations);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a dead letter has at least one violation");
        }
    }
}
