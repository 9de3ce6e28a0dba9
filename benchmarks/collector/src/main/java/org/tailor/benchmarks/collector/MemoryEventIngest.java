package org.tailor.benchmarks.collector;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.tailor.api.ingest.DeadLetter;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.IngestService;
import org.tailor.api.ingest.IngestStats;
import org.tailor.api.ingest.RecordKind;

/**
 * The same validation and identity resolution as {@link JdbcEventIngest}, in memory: what the
 * collector costs without a database behind it. Not durable; a reference point only.
 */
final class MemoryEventIngest implements IngestService {

    private final Map<String, String> profiles = new ConcurrentHashMap<>();
    private final Map<String, InboundRecord> events = new ConcurrentHashMap<>();
    private final AtomicLong nextProfile = new AtomicLong();

    @Override
    public IngestResult ingest(InboundRecord record) {
        var violations = JdbcEventIngest.validate(record);
        if (!violations.isEmpty()) {
            return IngestResult.rejected(violations);
        }
        Object identity = record.fields().getOrDefault("customer_id", record.fields().get("anonymous_id"));
        String profile = profiles.computeIfAbsent(String.valueOf(identity), k -> Long.toString(nextProfile.incrementAndGet()));
        if (record.kind() == RecordKind.EVENT) {
            events.putIfAbsent(String.valueOf(record.fields().get("event_id")), record);
        }
        return IngestResult.accepted(profile);
    }

    long storedEvents() {
        return events.size();
    }

    @Override
    public IngestStats stats() {
        return new IngestStats(events.size(), 0, profiles.size());
    }

    @Override
    public List<DeadLetter> deadLetters(Optional<String> source, int limit) {
        return List.of();
    }

    @Override
    public Optional<DeadLetter> deadLetter(long id) {
        return Optional.empty();
    }

    @Override
    public IngestResult replay(long deadLetterId) {
        throw new IllegalArgumentException("the benchmark keeps no dead letters");
    }

    @Override
    public void discard(long deadLetterId, String note) {
        throw new IllegalArgumentException("the benchmark keeps no dead letters");
    }
}
