package org.tailor.api.ingest;

/**
 * Running totals of an ingest service.
 *
 * @param accepted records stored
 * @param rejected records rejected with reasons
 * @param profilesCreated new profiles created while ingesting
 * @param unchanged accepted records that changed nothing because the same data was already stored
 *     (a re-imported file, a retried request, the same person from two sources)
 * @param merges profiles merged because a record showed them to be one person
 */
public record IngestStats(long accepted, long rejected, long profilesCreated, long unchanged, long merges) {

    /** Totals from before duplicates and merges were counted. */
    public IngestStats(long accepted, long rejected, long profilesCreated) {
        this(accepted, rejected, profilesCreated, 0, 0);
    }
}
