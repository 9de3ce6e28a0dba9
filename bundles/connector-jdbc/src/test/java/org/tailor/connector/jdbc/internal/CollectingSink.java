package org.tailor.connector.jdbc.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.tailor.api.connector.RecordSink;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.Violation;
import org.tailor.api.store.StoreException;

/**
 * Stands in for ingest: rejects an email without {@code @} and a total that is not a decimal, keeps
 * every record it returned from, can fail like a store that is down, and can run an action after
 * the n-th record (to break the database connection mid-pull).
 */
final class CollectingSink implements RecordSink {

    final List<InboundRecord> handed = new ArrayList<>();
    final List<InboundRecord> accepted = new ArrayList<>();
    final List<InboundRecord> rejected = new ArrayList<>();
    /** Records of hand-overs that returned: what a connector may count as handed. */
    final List<InboundRecord> completed = new ArrayList<>();
    /** Throw a StoreException instead of returning for the record with this 1-based number; 0: never. */
    int failAt;
    /** Called with the number of records returned so far, after each. */
    IntConsumer afterEach = n -> { };
    private int calls;

    @Override
    public IngestResult accept(InboundRecord record) {
        calls++;
        if (calls == failAt) {
            throw new StoreException("ingest store unavailable");
        }
        handed.add(record);
        IngestResult result = check(record);
        (result.isAccepted() ? accepted : rejected).add(record);
        afterEach.accept(handed.size());
        return result;
    }

    @Override
    public List<IngestResult> acceptAll(List<InboundRecord> records) {
        List<IngestResult> results = RecordSink.super.acceptAll(records);
        completed.addAll(records);
        return results;
    }

    private static IngestResult check(InboundRecord record) {
        Object email = record.fields().get("email");
        if (email != null && !email.toString().contains("@")) {
            return IngestResult.rejected(List.of(new Violation("email", "not an email address")));
        }
        Object total = record.fields().get("total");
        if (total != null && !(total instanceof BigDecimal)) {
            try {
                new BigDecimal(total.toString().trim());
            } catch (NumberFormatException e) {
                return IngestResult.rejected(List.of(new Violation("total", "'" + total + "' is not a decimal number")));
            }
        }
        return IngestResult.accepted("p-" + record.fields().getOrDefault("customer_id", "x"));
    }

    List<Object> handedValues(String field) {
        return handed.stream().map(r -> r.fields().get(field)).toList();
    }

    void clear() {
        handed.clear();
        completed.clear();
        accepted.clear();
        rejected.clear();
    }
}
