package org.tailor.connector.jdbc.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Source column to canonical field, in configuration order. Written as {@code column:field} entries;
 * a {@code .cfg} file cannot hold a list, so each configured value may itself be a comma-separated list.
 */
final class ColumnMapping {

    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,63}(\\.[A-Za-z][A-Za-z0-9_]{0,63})?");

    private final Map<SqlName, String> fields;

    private ColumnMapping(Map<SqlName, String> fields) {
        this.fields = fields;
    }

    static ColumnMapping parse(String property, String[] values) {
        Map<SqlName, String> fields = new LinkedHashMap<>();
        Set<String> targets = new HashSet<>();
        for (String value : values == null ? new String[0] : values) {
            for (String entry : value.split(",")) {
                String trimmed = entry.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                String columnText = colon < 0 ? trimmed : trimmed.substring(0, colon).trim();
                String field = colon < 0 ? trimmed : trimmed.substring(colon + 1).trim();
                SqlName column = SqlName.column(property + " entry '" + trimmed + "': the column", columnText);
                if (!FIELD.matcher(field).matches()) {
                    throw new ConfigurationException(property + " entry '" + trimmed + "': '" + field + "' is not a field"
                            + " name; use lower case letters, digits and _, optionally followed by .<name>"
                            + " (for example attributes.tier)");
                }
                if (fields.containsKey(column)) {
                    throw new ConfigurationException(property + ": column " + column + " is mapped twice");
                }
                if (!targets.add(field)) {
                    throw new ConfigurationException(property + ": field " + field + " is mapped from two columns");
                }
                fields.put(column, field);
            }
        }
        if (fields.isEmpty()) {
            throw new ConfigurationException(property + " is empty: map at least one column, as column:field");
        }
        return new ColumnMapping(fields);
    }

    List<SqlName> columns() {
        return new ArrayList<>(fields.keySet());
    }

    String field(SqlName column) {
        return fields.get(column);
    }

    boolean mapsTo(String field) {
        return fields.containsValue(field);
    }
}
