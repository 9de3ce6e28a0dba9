package org.tailor.api.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.Event;

/**
 * Durable, append-only events.
 *
 * <p>Thread safe. Methods throw {@link StoreException} when the database fails.
 */
@ProviderType
public interface EventStore {

    /**
     * Stores the event unless one with the same id exists.
     *
     * @return true if stored, false if it was a duplicate
     */
    boolean append(Event event);

    /**
     * Stores every event whose id is not stored yet. Stores do it in one transaction with batched
     * statements; the default appends each in turn.
     *
     * @return how many were stored (duplicates, also within the batch, are not counted)
     */
    default int appendAll(Collection<Event> events) {
        int stored = 0;
        for (Event event : events) {
            if (append(event)) {
                stored++;
            }
        }
        return stored;
    }

    /**
     * Stores every event whose id is not stored yet, as {@link #appendAll} does, and says which
     * were stored: what listeners of ingest are told is new.
     *
     * @return the stored events in the order given (the first of duplicates within the collection)
     */
    default List<Event> appendNew(Collection<Event> events) {
        List<Event> stored = new java.util.ArrayList<>();
        for (Event event : events) {
            if (append(event)) {
                stored.add(event);
            }
        }
        return stored;
    }

    /** The profile's events that occurred at or after {@code since}, oldest first; never null. */
    List<Event> eventsOf(String profileId, Instant since);

    /**
     * Streams every event that occurred at or after {@code since}, in no particular order, without
     * holding them all in memory: how an in-memory index is loaded. The default visits nothing, for
     * stores that cannot stream; such stores cannot back real-time segments.
     *
     * @return how many were visited
     */
    default long forEachSince(Instant since, Consumer<Event> visitor) {
        return 0;
    }

    /** How many events there are. */
    long count();
}
