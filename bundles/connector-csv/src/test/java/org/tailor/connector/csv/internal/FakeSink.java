package org.tailor.connector.csv.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.tailor.api.connector.RecordSink;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.Violation;

/**
 * Stands in for ingest: rejects a record whose email has no {@code @}, keeps the accepted ones, and
 * throws when told to, like a store that is down.
 */
final class FakeSink implements RecordSink {

    final List<InboundRecord> accepted = new ArrayList<>();
    final List<InboundRecord> rejected = new ArrayList<>();
    Predicate<InboundRecord> failOn = record -> false;

    @Override
    public IngestResult accept(InboundRecord record) {
        if (failOn.test(record)) {
            throw new IllegalStateException("store unavailable");
        }
        Object email = record.fields().get("email");
        if (email != null && !email.toString().contains("@")) {
            rejected.add(record);
            return IngestResult.rejected(List.of(new Violation("email", "not an email address")));
        }
        accepted.add(record);
        return IngestResult.accepted("p-" + accepted.size());
    }

    List<Map<String, Object>> acceptedFields() {
        return accepted.stream().map(InboundRecord::fields).toList();
    }

    List<String> acceptedPositions() {
        return accepted.stream().map(InboundRecord::position).toList();
    }
}
