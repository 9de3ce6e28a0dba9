package org.tailor.api.ingest;

/**
 * Running totals of an ingest service.
 *
 * @param accepted records stored
 * @param rejected records rejected with reasons
 * @param profilesCreated new profiles created while ingesting
 */
public record IngestStats(long accepted, long rejected, long profilesCreated) {
}
