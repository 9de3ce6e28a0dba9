package org.tailor.api.ingest;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Validates inbound records, resolves the person they belong to and stores them as profile
 * changes, events and consent entries.
 *
 * <p>Thread safe. Ingesting the same record twice has the effect of ingesting it once
 * (customers are merged, orders and events are keyed). A record is either stored completely
 * or rejected with at least one {@link Violation}; it is never dropped without a result.
 */
@ProviderType
public interface IngestService {

    /**
     * Ingests one record.
     *
     * @throws org.tailor.api.store.StoreException if the store fails; the record is then neither
     *     stored nor rejected and the caller should retry it
     */
    IngestResult ingest(InboundRecord record);

    /** Counts since the service started; never null. */
    IngestStats stats();
}
