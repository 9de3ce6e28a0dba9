package org.tailor.connector.jdbc.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the line items of a batch of orders with one {@code IN (...)} query per chunk of orders and
 * puts them into each order's {@code items} field as a list of maps. An order without items gets no
 * {@code items} field.
 */
final class LineItems {

    static final String FIELD = "items";
    private static final int CHUNK = 250;

    private final PullSpec.ItemsSpec spec;
    private final String quote;
    private final ZoneId zone;

    LineItems(PullSpec.ItemsSpec spec, String quote, ZoneId zone) {
        this.spec = spec;
        this.quote = quote;
        this.zone = zone;
    }

    void attach(Connection connection, List<Row> orders) throws SQLException {
        Map<String, List<Map<String, Object>>> byOrder = new HashMap<>();
        for (int from = 0; from < orders.size(); from += CHUNK) {
            List<Row> chunk = orders.subList(from, Math.min(orders.size(), from + CHUNK));
            load(connection, chunk, byOrder);
        }
        for (Row order : orders) {
            List<Map<String, Object>> items = byOrder.get(joinKey(order.id().value()));
            if (items != null) {
                order.fields().put(FIELD, List.copyOf(items));
            }
        }
    }

    private void load(Connection connection, List<Row> chunk, Map<String, List<Map<String, Object>>> byOrder)
            throws SQLException {
        String sql = KeysetQueries.items(spec, quote, chunk.size(), chunk.get(0).id().placeholder());
        List<SqlName> columns = spec.columns().columns();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < chunk.size(); i++) {
                chunk.get(i).id().bind(statement, i + 1);
            }
            try (ResultSet rows = statement.executeQuery()) {
                ColumnValues values = new ColumnValues(rows.getMetaData(), zone);
                while (rows.next()) {
                    Object order = values.read(rows, 1);
                    Map<String, Object> item = new LinkedHashMap<>();
                    for (int c = 0; c < columns.size(); c++) {
                        Object value = values.read(rows, c + 2);
                        if (value != null) {
                            item.put(spec.columns().field(columns.get(c)), value);
                        }
                    }
                    byOrder.computeIfAbsent(joinKey(order), k -> new ArrayList<>()).add(item);
                }
            }
        }
    }

    /** The same order id read from both tables may come back as different number types or scales. */
    private static String joinKey(Object id) {
        if (id instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        if (id instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(id);
    }
}
