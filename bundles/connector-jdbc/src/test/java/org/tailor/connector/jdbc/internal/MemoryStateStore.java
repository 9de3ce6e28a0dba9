package org.tailor.connector.jdbc.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tailor.api.store.ConnectorStateStore;
import org.tailor.api.store.StoreException;

/** Stands in for the durable store; can be told to fail the next puts, like a database that is down. */
final class MemoryStateStore implements ConnectorStateStore {

    private final Map<String, String> values = new ConcurrentHashMap<>();
    volatile int failingPuts;

    @Override
    public Optional<String> get(String connector, String key) {
        return Optional.ofNullable(values.get(connector + "/" + key));
    }

    @Override
    public void put(String connector, String key, String value) {
        if (failingPuts > 0) {
            failingPuts--;
            throw new StoreException("state store unavailable");
        }
        values.put(connector + "/" + key, value);
    }

    @Override
    public void remove(String connector, String key) {
        values.remove(connector + "/" + key);
    }
}
