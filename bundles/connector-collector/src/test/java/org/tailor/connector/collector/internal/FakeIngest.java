package org.tailor.connector.collector.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.tailor.api.ingest.DeadLetter;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.IngestService;
import org.tailor.api.ingest.IngestStats;
import org.tailor.api.ingest.RecordKind;
import org.tailor.api.ingest.Violation;
import org.tailor.api.store.StoreException;

/**
 * An ingest service that keeps what it was given: one profile per customer_id or anonymous_id,
 * events stored once per event_id, and a rule deciding rejections and store failures.
 */
final class FakeIngest implements IngestService {

    final List<InboundRecord> received = new ArrayList<>();
    final List<InboundRecord> stored = new ArrayList<>();
    private final Map<String, String> profileByIdentity = new HashMap<>();
    private final Set<String> eventIds = new HashSet<>();
    /** Returns the violations for a record, empty to accept it; may throw StoreException. */
    volatile Function<InboundRecord, List<Violation>> rule = record -> List.of();

    @Override
    public synchronized IngestResult ingest(InboundRecord record) {
        received.add(record);
        List<Violation> violations = rule.apply(record);
        if (!violations.isEmpty()) {
            return IngestResult.rejected(violations);
        }
        Object customerId = record.fields().get("customer_id");
        Object anonymousId = record.fields().get("anonymous_id");
        String profile = null;
        if (customerId != null) {
            profile = profileByIdentity.get("c:" + customerId);
        }
        if (profile == null && anonymousId != null) {
            profile = profileByIdentity.get("a:" + anonymousId);
        }
        if (profile == null) {
            profile = "P" + (profileByIdentity.size() + 1);
        }
        if (customerId != null) {
            profileByIdentity.putIfAbsent("c:" + customerId, profile);
        }
        if (anonymousId != null) {
            profileByIdentity.putIfAbsent("a:" + anonymousId, profile);
        }
        Object previous = record.fields().get("previous_id");
        if (previous != null) {
            profileByIdentity.putIfAbsent("a:" + previous, profile);
        }
        Object eventId = record.fields().get("event_id");
        if (record.kind() != RecordKind.EVENT || eventId == null || eventIds.add(eventId.toString())) {
            stored.add(record);
        }
        return IngestResult.accepted(profile);
    }

    synchronized List<InboundRecord> stored() {
        return List.copyOf(stored);
    }

    synchronized List<InboundRecord> received() {
        return List.copyOf(received);
    }

    static Function<InboundRecord, List<Violation>> failingStore() {
        return record -> {
            throw new StoreException("database is down");
        };
    }

    @Override
    public IngestStats stats() {
        return new IngestStats(stored.size(), 0, 0);
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
        throw new IllegalArgumentException("no dead letters here");
    }

    @Override
    public void discard(long deadLetterId, String note) {
        throw new IllegalArgumentException("no dead letters here");
    }
}
