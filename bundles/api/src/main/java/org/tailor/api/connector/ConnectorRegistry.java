package org.tailor.api.connector;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The connectors Tailor currently polls. Thread safe. */
@ProviderType
public interface ConnectorRegistry {

    /** Status of every registered connector, by name; never null. */
    List<ConnectorStatus> connectors();

    /**
     * Asks the named connector to poll now instead of waiting for its interval. Returns at once;
     * a poll already running is not interrupted and the extra one follows it.
     *
     * @return false if no connector has that name
     */
    boolean pollNow(String name);
}
