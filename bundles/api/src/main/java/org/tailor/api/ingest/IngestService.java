package org.tailor.api.ingest;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns inbound records into stored profiles, orders and events: validates each, resolves it to
 * one profile (merging profiles that prove to be one person), and keeps every rejected record in
 * the dead-letter store with its reasons.
 *
 * <p>Thread safe. Ingesting the same record twice stores it once.
 */
@ProviderType
public interface IngestService {

    /**
     * Ingests one record. A rejected record is kept as a {@link DeadLetter} before this returns.
     *
     * @throws org.tailor.api.store.StoreException if the store fails; the record is then neither
     *     stored nor rejected and the caller should retry it
     */
    IngestResult ingest(InboundRecord record);

    /**
     * Ingests records in order with exactly the outcome of calling {@link #ingest} for each in turn,
     * but with far fewer round trips to the store: the way to import files and batches.
     *
     * @return one result per record, in the same order
     * @throws org.tailor.api.store.StoreException if the store fails; then none of the records may
     *     count as handled (some may be stored), and the caller should retry the whole batch, which
     *     idempotent ingest makes safe
     */
    default List<IngestResult> ingestAll(List<InboundRecord> records) {
        List<IngestResult> results = new java.util.ArrayList<>(records.size());
        for (InboundRecord record : records) {
            results.add(ingest(record));
        }
        return results;
    }

    /** Counts since the service started; never null. */
    IngestStats stats();

    /** Open dead letters, newest first, optionally only from one source; never null. */
    List<DeadLetter> deadLetters(Optional<String> source, int limit);

    /** One dead letter, whatever its state. */
    Optional<DeadLetter> deadLetter(long id);

    /**
     * Ingests a dead letter's record again, for example after its cause was fixed. If accepted the
     * dead letter is marked replayed; if rejected again it stays open with the new reasons in its note.
     *
     * @throws IllegalArgumentException if there is no such dead letter or it is not open
     */
    IngestResult replay(long deadLetterId);

    /**
     * Sets an open dead letter aside without replaying it.
     *
     * @throws IllegalArgumentException if there is no such dead letter or it is not open
     */
    void discard(long deadLetterId, String note);
}
