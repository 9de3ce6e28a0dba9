package org.tailor.connector.jdbc.internal;

import java.util.Map;

/**
 * One row read from the source: its watermark key and its mapped fields.
 *
 * @param fields canonical field to value, values may be null; mutable until the row is handed over
 */
record Row(TimeKey time, IdKey id, Map<String, Object> fields) {

    Watermark key() {
        return new Watermark(time, id);
    }
}
