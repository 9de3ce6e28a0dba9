package org.tailor.api.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.ingest.DeadLetter;

/**
 * Durable keeping of rejected records. Entries are never deleted through this interface; their
 * state moves from open to replayed or discarded.
 *
 * <p>Thread safe. Failures throw {@link StoreException}.
 */
@ProviderType
public interface DeadLetterStore {

    /**
     * Keeps a rejected record. Keeping the same record (same source, position and fields) while an
     * earlier copy is still open updates that copy's reasons instead of adding another.
     *
     * @return the stored entry with its id
     */
    DeadLetter add(DeadLetter letter);

    /** The entry with this id, or empty. */
    Optional<DeadLetter> find(long id);

    /** Open entries, newest first, optionally only from one source; never null. */
    List<DeadLetter> open(Optional<String> source, int limit);

    /** How many open entries each source has; sources with none are absent. */
    Map<String, Long> openCounts();

    /**
     * Moves an open entry to another state with a note, or only updates the note when the state
     * stays open.
     *
     * @return false if the entry does not exist or is no longer open
     */
    boolean resolve(long id, DeadLetter.State state, String note);
}
