package org.tailor.connector.csv.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one JSON object into canonical fields. Top-level keys are mapped like CSV columns and must
 * be fields of the kind of file; values are text (trimmed), numbers (exact decimals) or true/false,
 * with null and empty text left out. {@code attributes} (customers) and {@code properties} (events)
 * may be objects, kept as nested maps with lists for arrays; {@code items} (orders) must be an array
 * of objects with sku, name, category, quantity and unit_price. Anything else is a violation naming
 * the key, so that the line is rejected rather than half imported.
 */
final class JsonFields {

    static final List<String> ITEM_FIELDS = FileKind.ITEM_COLUMNS.stream()
            .map(column -> column.substring(FileKind.ITEM_COLUMN_PREFIX.length())).toList();

    private final FileKind kind;
    private final ColumnMapping mapping;

    JsonFields(FileKind kind, ColumnMapping mapping) {
        this.kind = kind;
        this.mapping = mapping;
    }

    RecordReader.ReadRecord toRecord(long line, JsonNode object) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        List<RecordReader.LineViolation> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String key = entry.getKey();
            String field = mapping.target(kind, key);
            if (field == null) {
                continue;
            }
            String name = field.equals(key) ? key : key + " (mapped to " + field + ")";
            String earlier = sources.putIfAbsent(field, name);
            if (earlier != null) {
                violations.add(new RecordReader.LineViolation(line, field, name + " and " + earlier
                        + " both give the field " + field + "; a field may appear only once"));
                continue;
            }
            String problem = put(fields, field, entry.getValue());
            if (problem != null) {
                violations.add(new RecordReader.LineViolation(line, field, problem));
            }
        }
        return new RecordReader.ReadRecord(line, fields, violations);
    }

    /** Puts the value under the field; returns what is wrong instead, or null. */
    private String put(Map<String, Object> fields, String field, JsonNode value) {
        if (kind.isScalarField(field)) {
            if (!isScalar(value)) {
                return "expected text, a number or true/false, found " + describe(value);
            }
            putScalar(fields, field, value);
            return null;
        }
        if (field.equals(kind.openMap())) {
            if (value.isNull()) {
                return null;
            }
            if (!value.isObject()) {
                return "expected an object of " + field + " by name, found " + describe(value);
            }
            Map<String, Object> map = toMap(value);
            if (!map.isEmpty()) {
                fields.put(field, map);
            }
            return null;
        }
        if (kind == FileKind.ORDERS && field.equals(FileKind.ITEMS)) {
            return putItems(fields, value);
        }
        if (FileKind.ITEM_COLUMNS.contains(field)) {
            return "unknown field for a JSON lines " + kind.label() + " file: give line items as \"items\": [{\"sku\": …,"
                    + " \"quantity\": …}, …]";
        }
        return kind.unknownReason(field).replace("unknown column", "unknown field")
                + (kind.openMap() == null ? "" : ", or an object \"" + kind.openMap() + "\"")
                + (kind == FileKind.ORDERS ? ", and an array \"items\" of line items" : "");
    }

    private String putItems(Map<String, Object> fields, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            return "expected an array of line items, found " + describe(value);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String where = "items[" + i + "]";
            if (!item.isObject()) {
                return where + ": expected an object with " + String.join(", ", ITEM_FIELDS) + ", found " + describe(item);
            }
            Map<String, Object> itemFields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : item.properties()) {
                if (!ITEM_FIELDS.contains(entry.getKey())) {
                    return where + "." + entry.getKey() + ": unknown field of a line item; the fields are "
                            + String.join(", ", ITEM_FIELDS);
                }
                if (!isScalar(entry.getValue())) {
                    return where + "." + entry.getKey() + ": expected text, a number or true/false, found "
                            + describe(entry.getValue());
                }
                putScalar(itemFields, entry.getKey(), entry.getValue());
            }
            items.add(itemFields);
        }
        if (!items.isEmpty()) {
            fields.put(FileKind.ITEMS, List.copyOf(items));
        }
        return null;
    }

    private static boolean isScalar(JsonNode value) {
        return value.isValueNode();
    }

    private static void putScalar(Map<String, Object> fields, String field, JsonNode value) {
        Object scalar = scalar(value);
        if (scalar != null) {
            fields.put(field, scalar);
        }
    }

    /** Text trimmed (null if empty), numbers as they were written, true/false as Boolean, null as null. */
    private static Object scalar(JsonNode value) {
        if (value.isTextual()) {
            String text = value.textValue().trim();
            return text.isEmpty() ? null : text;
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return null;
    }

    private static Map<String, Object> toMap(JsonNode object) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            Object value = toValue(entry.getValue());
            if (value != null) {
                map.put(entry.getKey(), value);
            }
        }
        return map;
    }

    private static Object toValue(JsonNode node) {
        if (node.isObject()) {
            return toMap(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(toValue(element)));
            return list;
        }
        return scalar(node);
    }

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a text";
            case NUMBER -> "a number";
            case BOOLEAN -> "true/false";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
