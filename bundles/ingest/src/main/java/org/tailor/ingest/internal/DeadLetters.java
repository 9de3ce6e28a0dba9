package org.tailor.ingest.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.tailor.api.ingest.DeadLetter;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.Violation;
import org.tailor.api.store.DeadLetterStore;

/** Keeps rejected records with their reasons, and moves them on when an admin deals with them. */
final class DeadLetters {

    private final DeadLetterStore store;
    private final Clock clock;

    DeadLetters(DeadLetterStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void keep(InboundRecord record, List<Violation> violations) {
        store.add(new DeadLetter(0, record, violations, clock.instant(), DeadLetter.State.OPEN, ""));
    }

    List<DeadLetter> open(Optional<String> source, int limit) {
        return store.open(source, Math.max(1, limit));
    }

    Optional<DeadLetter> find(long id) {
        return store.find(id);
    }

    /** The dead letter if it exists and is open. */
    DeadLetter openOne(long id) {
        DeadLetter letter = store.find(id).orElseThrow(() -> new IllegalArgumentException("there is no dead letter " + id));
        if (letter.state() != DeadLetter.State.OPEN) {
            throw new IllegalArgumentException("dead letter " + id + " is " + letter.state().name().toLowerCase(java.util.Locale.ROOT)
                    + " already" + (letter.note().isEmpty() ? "" : " (" + letter.note() + ")"));
        }
        return letter;
    }

    void replayed(long id, String profileId) {
        store.resolve(id, DeadLetter.State.REPLAYED, "replayed at " + clock.instant() + " into profile " + profileId);
    }

    void stillRejected(long id, List<Violation> violations) {
        store.resolve(id, DeadLetter.State.OPEN, "replayed at " + clock.instant() + ", rejected again: " + violations);
    }

    void discarded(long id, String note) {
        store.resolve(id, DeadLetter.State.DISCARDED, "discarded at " + clock.instant() + (note.isBlank() ? "" : ": " + note.strip()));
    }
}
