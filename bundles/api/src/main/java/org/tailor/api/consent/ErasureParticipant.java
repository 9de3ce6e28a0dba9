package org.tailor.api.consent;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something outside the store that holds personal data and erases it when a person asks: rendered
 * message files, caches, partner systems. Register as an OSGi service (whiteboard); every erasure
 * request calls each one after the store's rows are gone, and logs what it answered.
 */
@ConsumerType
public interface ErasureParticipant {

    /** A short name for the request's log, for example {@code file-transport}. */
    String name();

    /**
     * Erases what is held about the person.
     *
     * @param profileIds every profile id the person had (merged profiles included)
     * @param addresses the person's email addresses, normalized to lower case
     * @return how many items were erased
     * @throws RuntimeException if it could not; the request is then logged as failed and can be run again
     */
    long erase(Set<String> profileIds, Set<String> addresses);
}
