package org.tailor.ingest.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.RecordKind;

/** Builds test records from alternating field names and values. */
final class Records {

    private Records() {
    }

    static InboundRecord customer(Object... nameValues) {
        return record(RecordKind.CUSTOMER, nameValues);
    }

    static InboundRecord order(Object... nameValues) {
        return record(RecordKind.ORDER, nameValues);
    }

    static InboundRecord event(Object... nameValues) {
        return record(RecordKind.EVENT, nameValues);
    }

    static InboundRecord alias(Object... nameValues) {
        return record(RecordKind.ALIAS, nameValues);
    }

    static InboundRecord record(RecordKind kind, Object... nameValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            fields.put((String) nameValues[i], nameValues[i + 1]);
        }
        return new InboundRecord("csv:test.csv", "line 2", kind, fields);
    }
}
