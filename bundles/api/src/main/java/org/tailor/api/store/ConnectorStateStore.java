package org.tailor.api.store;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Small durable values a connector keeps between runs, such as the watermark of an incremental
 * pull. Keys are scoped by connector name, so two connectors never see each other's state.
 *
 * <p>Thread safe. A {@link #put} is durable when it returns. Failures throw {@link StoreException}.
 */
@ProviderType
public interface ConnectorStateStore {

    /** The value stored under the key, or empty. */
    Optional<String> get(String connector, String key);

    /** Stores the value under the key, replacing any earlier one. */
    void put(String connector, String key, String value);

    /** Removes the value, so that the connector starts over; a no-op if there is none. */
    void remove(String connector, String key);
}
