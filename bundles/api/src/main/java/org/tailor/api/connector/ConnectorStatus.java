package org.tailor.api.connector;

import java.util.Objects;

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
 */
public record ConnectorStatus(String name, boolean idle, long accepted, long rejected,
                              long unitsDone, long unitsFailed, String lastError) {

    public ConnectorStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastError, "lastError");
    }
}
