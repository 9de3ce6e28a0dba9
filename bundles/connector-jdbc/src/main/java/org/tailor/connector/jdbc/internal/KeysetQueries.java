package org.tailor.connector.jdbc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of a pull, built only from checked names and {@code ?} placeholders. Pages are cut by
 * keyset, {@code (ts > ? OR (ts = ? AND id > ?)) ORDER BY ts, id}, which stays correct while rows
 * change between pages and needs no OFFSET; the page size is set with {@code Statement.setMaxRows},
 * which every driver supports, rather than LIMIT or FETCH FIRST, which not every database accepts.
 *
 * <p>The select list is the timestamp column, the id column, then the mapped columns.
 */
final class KeysetQueries {

    static final int TIMESTAMP_INDEX = 1;
    static final int ID_INDEX = 2;
    static final int FIRST_MAPPED_INDEX = 3;

    private final String select;
    private final String ts;
    private final String id;
    private final String orderBy;

    KeysetQueries(PullSpec spec, String quote) {
        this.ts = spec.timestampColumn().sql(quote);
        this.id = spec.idColumn().sql(quote);
        List<String> list = new ArrayList<>(List.of(ts, id));
        spec.columns().columns().forEach(c -> list.add(c.sql(quote)));
        this.select = "SELECT " + String.join(", ", list) + " FROM " + spec.table().sql(quote) + " WHERE ";
        this.orderBy = " ORDER BY " + ts + ", " + id;
    }

    /** Every row, for a pull without a watermark. */
    String fromStart() {
        return select + ts + " IS NOT NULL AND " + id + " IS NOT NULL" + orderBy;
    }

    /** Rows after the key; placeholders: ts, ts, id. */
    String after(IdKey key) {
        return select + after(key.placeholder()) + " AND " + id + " IS NOT NULL" + orderBy;
    }

    /** Rows from the timestamp on, up to and including the key; placeholders: from, ts, ts, id. */
    String window(IdKey upTo) {
        return select + ts + " >= ? AND " + upTo(upTo.placeholder()) + " AND " + id + " IS NOT NULL" + orderBy;
    }

    /** Rows after the first key, up to and including the second; placeholders: ts, ts, id, ts, ts, id. */
    String windowAfter(IdKey after, IdKey upTo) {
        return select + after(after.placeholder()) + " AND " + upTo(upTo.placeholder()) + " AND " + id
                + " IS NOT NULL" + orderBy;
    }

    private String after(String idPlaceholder) {
        return "(" + ts + " > ? OR (" + ts + " = ? AND " + id + " > " + idPlaceholder + "))";
    }

    private String upTo(String idPlaceholder) {
        return "(" + ts + " < ? OR (" + ts + " = ? AND " + id + " <= " + idPlaceholder + "))";
    }

    /** The line items of {@code count} orders; placeholders: the orders' ids. */
    static String items(PullSpec.ItemsSpec items, String quote, int count, String idPlaceholder) {
        String order = items.orderColumn().sql(quote);
        List<String> list = new ArrayList<>(List.of(order));
        items.columns().columns().forEach(c -> list.add(c.sql(quote)));
        String placeholders = java.util.Collections.nCopies(count, idPlaceholder).stream().collect(Collectors.joining(", "));
        return "SELECT " + String.join(", ", list) + " FROM " + items.table().sql(quote) + " WHERE " + order + " IN ("
                + placeholders + ") ORDER BY " + String.join(", ", list);
    }
}
