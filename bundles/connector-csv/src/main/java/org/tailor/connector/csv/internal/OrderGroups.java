package org.tailor.connector.csv.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an orders CSV with one row per line item, as shops export it (Shopify: order columns
 * repeated or left empty on the item rows after the first), into one record per order: consecutive
 * rows with the same {@code order_id} become one ORDER whose {@code items} list holds the
 * {@code item_*} values of each row. The record's position is the group's first line.
 *
 * <p>Only the current order is held in memory, plus the one row read ahead to see that it ended.
 * An order is handed on only once complete, so a stop in the middle of a file never splits one:
 * the file is read again from the start and the whole order handed on again.
 */
final class OrderGroups implements RecordReader {

    /** More line items than any real order has; past it the order is rejected rather than held in memory. */
    static final int MAX_ITEMS = 10_000;
    private static final String ORDER_ID = "order_id";

    private final RecordReader rows;
    private ReadRecord readAhead;
    private MalformedFileException stoppedBy;

    OrderGroups(RecordReader rows) {
        this.rows = rows;
    }

    @Override
    public ReadRecord next() throws IOException, MalformedFileException {
        if (stoppedBy != null) {
            MalformedFileException e = stoppedBy;
            stoppedBy = null;
            throw e;
        }
        ReadRecord first = readAhead != null ? readAhead : rows.next();
        readAhead = null;
        if (first == null) {
            return null;
        }
        Group group = new Group(first);
        Object orderId = first.fields().get(ORDER_ID);
        // A row without order_id cannot belong to anything; it stands alone and ingest says what is missing.
        while (orderId != null) {
            ReadRecord row;
            try {
                row = rows.next();
            } catch (MalformedFileException e) {
                stoppedBy = e;
                return group.cutShortBy(e);
            }
            if (row == null) {
                break;
            }
            if (!orderId.equals(row.fields().get(ORDER_ID))) {
                readAhead = row;
                break;
            }
            group.add(row);
        }
        return group.toRecord();
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }

    /** The rows of one order read so far. */
    private static final class Group {

        private final long firstLine;
        private final Object orderId;
        private final Map<String, Object> orderFields = new LinkedHashMap<>();
        private final Map<String, Long> fieldLines = new LinkedHashMap<>();
        private final List<Map<String, Object>> items = new ArrayList<>();
        private final List<LineViolation> violations = new ArrayList<>();
        private long lastLine;
        private long itemCount;

        Group(ReadRecord first) {
            this.firstLine = first.line();
            this.orderId = first.fields().get(ORDER_ID);
            add(first);
        }

        void add(ReadRecord row) {
            lastLine = row.line();
            violations.addAll(row.violations());
            Map<String, Object> item = new LinkedHashMap<>();
            row.fields().forEach((field, value) -> {
                if (field.startsWith(FileKind.ITEM_COLUMN_PREFIX)) {
                    item.put(field.substring(FileKind.ITEM_COLUMN_PREFIX.length()), value);
                } else {
                    addOrderField(row.line(), field, value);
                }
            });
            if (!item.isEmpty()) {
                itemCount++;
                if (itemCount <= MAX_ITEMS) {
                    items.add(item);
                }
            }
        }

        private void addOrderField(long line, String field, Object value) {
            Object earlier = orderFields.putIfAbsent(field, value);
            if (earlier == null) {
                fieldLines.put(field, line);
            } else if (!earlier.equals(value)) {
                violations.add(new LineViolation(line, field, "\"" + value + "\" differs from \"" + earlier + "\" on line "
                        + fieldLines.get(field) + " for the same order " + orderId + "; the rows of one order must"
                        + " repeat its " + field + " or leave it empty"));
            }
        }

        ReadRecord toRecord() {
            List<LineViolation> all = new ArrayList<>(violations);
            if (itemCount > MAX_ITEMS) {
                all.add(new LineViolation(firstLine, FileKind.ITEMS, "order " + orderId + " has " + itemCount
                        + " line items (" + lines() + "), more than the " + MAX_ITEMS
                        + " one order may have"));
            }
            Map<String, Object> fields = new LinkedHashMap<>(orderFields);
            if (!items.isEmpty() && all.isEmpty()) {
                fields.put(FileKind.ITEMS, List.copyOf(items));
            }
            return new ReadRecord(firstLine, fields, all);
        }

        private String lines() {
            return firstLine == lastLine ? "line " + firstLine : "lines " + firstLine + " to " + lastLine;
        }

        /** The order as far as it was read, rejected: the unreadable rest of the file may hold more of its items. */
        ReadRecord cutShortBy(MalformedFileException e) {
            List<LineViolation> all = new ArrayList<>(violations);
            all.add(new LineViolation(firstLine, CsvRecordReader.WHOLE_ROW, "order " + orderId + " (" + lines()
                    + ") was not imported: the file cannot be read on from line " + e.line()
                    + ", which may hold more of its line items"));
            return new ReadRecord(firstLine, orderFields, all);
        }
    }
}
