package org.tailor.api.ingest;

import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;
import org.tailor.api.model.Event;

/**
 * Told what ingest changed, after it is committed: how segments stay current as data arrives.
 * Register as an OSGi service (whiteboard). Called on the ingesting thread, so listeners must be
 * quick; one that throws is logged and does not fail the ingest.
 */
@ConsumerType
public interface IngestListener {

    /**
     * @param profileIds every profile whose attributes, identities, orders or consent changed,
     *                   including profiles absorbed by a merge (they now resolve to their survivor);
     *                   a profile that only gained events is not among them; never null
     * @param events the events that were new (not duplicates), in ingest order, each with the
     *               profile that holds it; never null
     */
    void ingested(Set<String> profileIds, List<Event> events);
}
