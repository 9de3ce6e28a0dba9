package org.tailor.api.connector;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of customer data. Partners implement this and register it as an OSGi service;
 * Tailor's connector scheduler picks every registered connector up, calls {@link #poll}
 * every {@link #POLL_INTERVAL_PROPERTY} milliseconds (default 1000) and lets go of it when
 * the service goes away.
 *
 * <p>{@link #poll} is never called concurrently for one connector. Implementations must
 * tolerate being polled again after a crash in the middle of a poll: pass every record to
 * the sink, and treat a record as done only when {@link RecordSink#accept} has returned.
 */
@ConsumerType
public interface Connector {

    /** Optional service property: milliseconds between polls. */
    String POLL_INTERVAL_PROPERTY = "tailor.connector.interval";

    /** A short stable name, for example {@code csv-default}; never null. */
    String name();

    /**
     * Reads whatever is new and hands each record to the sink.
     *
     * @throws Exception if reading failed; the scheduler logs it, records it in the status and polls again later
     */
    void poll(RecordSink sink) throws Exception;

    /** What the connector is doing, for the console; never null. */
    ConnectorStatus status();
}
