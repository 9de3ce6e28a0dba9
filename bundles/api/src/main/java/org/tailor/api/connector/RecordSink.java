package org.tailor.api.connector;

import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.InboundRecord;

/** Where a connector puts the records it reads. Thread safe. */
@ProviderType
public interface RecordSink {

    /**
     * Validates and stores one record.
     *
     * @return whether it was accepted, and if not, why; the connector keeps rejected records where an admin can see them
     */
    IngestResult accept(InboundRecord record);
}
