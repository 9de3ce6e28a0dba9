package org.tailor.api.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A connector's progress, as shown on the console.
 *
 * @param name the connector's name, never null
 * @param idle true when the last poll found nothing left to do
 * @param accepted records accepted since start
 * @param rejected records rejected since start
 * @param unitsDone units of work finished (files, batches) since start
 * @param unitsFailed units of work that failed as a whole since start
 * @param lastError the last failure, or empty; never null
 * @param lastRunAt when the connector last finished a poll, or empty; never null
 * @param lag how far behind its source the connector is (for a pull: now minus the newest
 *     change it has imported; for a folder: the age of the oldest waiting file), or empty when
 *     unknown; never null
 */
public record ConnectorStatus(String name, boolean idle, long accepted, long rejected,
                              long unitsDone, long unitsFailed, String lastError,
                              Optional<Instant> lastRunAt, Optional<Duration> lag) {

    public ConnectorStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(lastRunAt, "lastRunAt");
        Objects.requireNonNull(lag, "lag");
    }

    /** A status without run time or lag, as connectors built against version 1.0 report it. */
    public ConnectorStatus(String name, boolean idle, long accepted, long rejected,
                           long unitsDone, long unitsFailed, String lastError) {
        this(name, idle, accepted, rejected, unitsDone, unitsFailed, lastError, Optional.empty(), Optional.empty());
    }

    /** This status with the time of the last finished poll. */
    public ConnectorStatus withLastRunAt(Instant at) {
        return new ConnectorStatus(name, idle, accepted, rejected, unitsDone, unitsFailed, lastError,
                Optional.ofNullable(at), lag);
    }
}
