package org.tailor.runtime.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tailor.api.delivery.Transport;

/**
 * The transports registered on the whiteboard, and which one a name selects: among those whose
 * {@code tailor.transport} property equals the name, the highest {@code service.ranking}, then
 * the lowest {@code service.id} (the oldest), as the OSGi service registry orders them.
 *
 * <p>Thread safe; registrations come and go while sends run.
 */
final class TransportSelector {

    private record Registration(Transport transport, String name, int ranking, long serviceId) {
    }

    private static final Comparator<Registration> PREFERRED = Comparator
            .comparingInt(Registration::ranking).reversed()
            .thenComparingLong(Registration::serviceId);

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    void add(Transport transport, Map<String, ?> properties) {
        Object name = properties.get(Transport.NAME_PROPERTY);
        Object ranking = properties.get("service.ranking");
        Object id = properties.get("service.id");
        registrations.add(new Registration(transport,
                name == null ? "" : String.valueOf(name),
                ranking instanceof Integer r ? r : 0,
                id instanceof Number n ? n.longValue() : Long.MAX_VALUE));
    }

    void remove(Transport transport) {
        registrations.removeIf(r -> r.transport() == transport);
    }

    Optional<Transport> select(String name) {
        return registrations.stream()
                .filter(r -> r.name().equals(name))
                .min(PREFERRED)
                .map(Registration::transport);
    }

    /** The names of every registered transport, for error messages. */
    List<String> names() {
        return registrations.stream().map(Registration::name).distinct().sorted().toList();
    }
}
