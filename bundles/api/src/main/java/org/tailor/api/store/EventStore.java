package org.tailor.api.store;

import java.time.Instant;
import java.util.List;
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

    /** The profile's events that occurred at or after {@code since}, oldest first; never null. */
    List<Event> eventsOf(String profileId, Instant since);

    /** How many events there are. */
    long count();
}
