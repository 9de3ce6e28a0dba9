package ${package}.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tailor.api.store.ConnectorStateStore;

/** Tailor's connector state, in memory. */
final class MemoryStateStore implements ConnectorStateStore {

    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String connector, String key) {
        return Optional.ofNullable(values.get(connector + "/" + key));
    }

    @Override
    public void put(String connector, String key, String value) {
        values.put(connector + "/" + key, value);
    }

    @Override
    public void remove(String connector, String key) {
        values.remove(connector + "/" + key);
    }
}
