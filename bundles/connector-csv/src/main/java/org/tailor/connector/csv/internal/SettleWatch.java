package org.tailor.connector.csv.internal;

import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells whether a file in the inbox has stopped changing. A file is settled once this watch has seen
 * the same size and modification time for the settle time; a copy in progress keeps changing one of
 * them. Only the connector's own clock is used, never the file's timestamp against it, since a
 * network share's clock can be off. Used by the polling thread only.
 */
final class SettleWatch {

    private final Duration settleTime;
    private final Map<String, Seen> seen = new HashMap<>();

    SettleWatch(Duration settleTime) {
        this.settleTime = settleTime;
    }

    boolean isSettled(HotFolder.Candidate candidate, Instant now) {
        Seen last = seen.get(candidate.name());
        if (last == null || last.size() != candidate.size() || !last.modified().equals(candidate.modified())) {
            last = new Seen(candidate.size(), candidate.modified(), now);
            seen.put(candidate.name(), last);
        }
        return !now.isBefore(last.since().plus(settleTime));
    }

    /** Forgets files that are no longer waiting, so that the map does not grow. */
    void retain(Collection<HotFolder.Candidate> waiting) {
        Set<String> names = waiting.stream().map(HotFolder.Candidate::name).collect(Collectors.toSet());
        seen.keySet().retainAll(names);
    }

    void forget(String name) {
        seen.remove(name);
    }

    private record Seen(long size, FileTime modified, Instant since) {
    }
}
