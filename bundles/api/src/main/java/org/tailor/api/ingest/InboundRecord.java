package org.tailor.api.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record as a connector read it, before validation. Field names are the canonical
 * ones documented in the admin guide (for example {@code email}, {@code customer_id},
 * {@code occurred_at}); connectors map their own column names onto them.
 *
 * <p>Immutable. Values are strings as read, or typed values ({@link Number},
 * {@link java.time.Instant}, {@link java.time.LocalDate}, {@link Boolean}) from typed sources.
 * A field whose value is null is treated as absent.
 *
 * @param source where the record came from, for example {@code csv:customers.csv}, never null
 * @param position where in the source, for example the line number, never null
 * @param kind what the record describes, never null
 * @param fields field values by canonical name, never null
 */
public record InboundRecord(String source, String position, RecordKind kind, Map<String, Object> fields) {

    public InboundRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(kind, "kind");
        Map<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        fields = Collections.unmodifiableMap(copy);
    }
}
