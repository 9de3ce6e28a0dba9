package org.tailor.connector.collector.internal;

import java.util.Locale;
import java.util.Optional;

/** The calls of Segment's tracking spec that carry data about a person. */
enum CallType {
    IDENTIFY("identify", "i"),
    TRACK("track", "t"),
    PAGE("page", "p"),
    SCREEN("screen", "s"),
    ALIAS("alias", "a"),
    GROUP("group", "g");

    private final String wireName;
    private final String shortPath;

    CallType(String wireName, String shortPath) {
        this.wireName = wireName;
        this.shortPath = shortPath;
    }

    /** The name in a message's {@code type} field and in the long path {@code /v1/<name>}. */
    String wireName() {
        return wireName;
    }

    /** analytics.js posts single calls to {@code /v1/<first letter of the type>}. */
    String shortPath() {
        return shortPath;
    }

    static Optional<CallType> ofWireName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (CallType type : values()) {
            if (type.wireName.equals(lower)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    static String allowedNames() {
        return "identify, track, page, screen, alias or group";
    }
}
