package org.tailor.api.connector;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The connectors Tailor currently polls. Thread safe. */
@ProviderType
public interface ConnectorRegistry {

    /** Status of every registered connector, by name; never null. */
    List<ConnectorStatus> connectors();
}
