package org.tailor.connector.collector.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The configured sources, looked up by write key. Thread safe; sources come and go with their configurations. */
final class SourceDirectory {

    private final List<Source> sources = new CopyOnWriteArrayList<>();

    void add(Source source) {
        sources.add(source);
    }

    void remove(Source source) {
        sources.remove(source);
    }

    int size() {
        return sources.size();
    }

    /**
     * The source whose write key this is. Every source is compared, with no early exit, so the time
     * taken does not tell an attacker how close a guess came or which source matched.
     */
    Optional<Source> find(String writeKey) {
        if (writeKey == null || writeKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = Source.digest(writeKey);
        Source found = null;
        for (Source source : sources) {
            if (source.matches(digest) && found == null) {
                found = source;
            }
        }
        return Optional.ofNullable(found);
    }
}
