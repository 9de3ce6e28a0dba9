package ${package}.internal;

import java.util.ArrayList;
import java.util.List;
import org.tailor.api.connector.RecordSink;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.Violation;

/** Keeps what it is given; rejects an email without an at sign, as Tailor's ingest would; can be made to fail. */
final class RecordingSink implements RecordSink {

    final List<InboundRecord> accepted = new ArrayList<>();
    final List<InboundRecord> rejected = new ArrayList<>();
    /** When set, accepting a record with this customer_id throws, as a sink whose database went away does. */
    String failOn;

    @Override
    public IngestResult accept(InboundRecord record) {
        Object id = record.fields().get("customer_id");
        if (id != null && id.equals(failOn)) {
            throw new IllegalStateException("the store is unavailable");
        }
        Object email = record.fields().get("email");
        if (email != null && !email.toString().contains("@")) {
            rejected.add(record);
            return IngestResult.rejected(List.of(new Violation("email", "\"" + email + "\" is not an email address")));
        }
        accepted.add(record);
        return IngestResult.accepted("profile-" + id);
    }

    List<Object> acceptedIds() {
        List<Object> ids = new ArrayList<>();
        accepted.forEach(r -> ids.add(r.fields().get("customer_id")));
        return ids;
    }
}
