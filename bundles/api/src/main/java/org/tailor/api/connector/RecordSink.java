package org.tailor.api.connector;

import java.util.ArrayList;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.InboundRecord;

/**
 * Where a connector puts the records it reads. Rejected records are kept by ingest as dead letters
 * with their reasons; a connector may also report them in its own way (a rejects file, an HTTP 400).
 * Thread safe.
 */
@ProviderType
public interface RecordSink {

    /**
     * Validates and stores one record.
     *
     * @return whether it was accepted, and if not, why
     * @throws org.tailor.api.store.StoreException if the store fails; the record was not handled and should be retried
     */
    IngestResult accept(InboundRecord record);

    /**
     * Validates and stores records in order, with the same outcome as {@link #accept} for each in
     * turn but far fewer store round trips. Connectors that read many records at once (files,
     * database pulls, batch requests) should hand them over in batches of a few hundred.
     *
     * @return one result per record, in order
     * @throws org.tailor.api.store.StoreException if the store fails; the whole batch should be retried
     */
    default List<IngestResult> acceptAll(List<InboundRecord> records) {
        List<IngestResult> results = new ArrayList<>(records.size());
        for (InboundRecord record : records) {
            results.add(accept(record));
        }
        return results;
    }
}
