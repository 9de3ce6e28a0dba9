package org.tailor.segments.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which event types are orders, email clicks, email opens and views, for the behaviour features
 * of clusters. Events of other types are not activity there (they still count in engagement if
 * they have a weight, and in plans that name them).
 */
final class EventKinds {

    enum Kind { ORDER, CLICK, OPEN, VIEW }

    private final Map<String, Kind> kinds = new HashMap<>();

    /** @throws IllegalArgumentException if a type is not an event type or is listed under two kinds */
    EventKinds(String[] orders, String[] clicks, String[] opens, String[] views) {
        add(orders, Kind.ORDER);
        add(clicks, Kind.CLICK);
        add(opens, Kind.OPEN);
        add(views, Kind.VIEW);
    }

    private void add(String[] types, Kind kind) {
        for (String given : types) {
            String type = given.strip();
            if (!Rule.EVENT_TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("'" + given + "' in the " + kind.name().toLowerCase(Locale.ROOT)
                        + " types is not an event type (lower-case letters, digits and _, starting with a letter)");
            }
            Kind before = kinds.put(type, kind);
            if (before != null && before != kind) {
                throw new IllegalArgumentException("event type '" + type + "' is listed as both " + before + " and " + kind);
            }
        }
    }

    Optional<Kind> of(String type) {
        return Optional.ofNullable(kinds.get(type));
    }
}
