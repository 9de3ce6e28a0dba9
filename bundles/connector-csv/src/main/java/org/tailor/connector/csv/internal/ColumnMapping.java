package org.tailor.connector.csv.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renames a source's own column names (CSV header cells, top-level JSON keys) to canonical fields,
 * as configured: {@code mapping = E-Mail=email, Kunden-Nr=customer_id} for every kind of file, and
 * {@code mapping.customers}, {@code mapping.orders}, {@code mapping.events} for one kind, which win
 * over the general mapping for the same name. The target {@code -} drops a column on purpose.
 * Names not mentioned stay as they are.
 */
final class ColumnMapping {

    /** The target that drops a column. */
    static final String IGNORE = "-";
    static final String PROPERTY = "mapping";

    private static final ColumnMapping NONE = new ColumnMapping(new EnumMap<>(FileKind.class));

    private final Map<FileKind, Map<String, String>> byKind;

    private ColumnMapping(Map<FileKind, Map<String, String>> byKind) {
        this.byKind = byKind;
    }

    static ColumnMapping none() {
        return NONE;
    }

    /**
     * Reads the configured mappings.
     *
     * @param general the {@code mapping} property
     * @param perKind the {@code mapping.<kind>} properties; blank ones may be left out
     * @throws InvalidMappingException naming the property, the entry and what is wrong with it
     */
    static ColumnMapping parse(String general, Map<FileKind, String> perKind) throws InvalidMappingException {
        List<String> errors = new ArrayList<>();
        Map<String, String> common = entries(PROPERTY, general, null, errors);
        Map<FileKind, Map<String, String>> byKind = new EnumMap<>(FileKind.class);
        for (FileKind kind : FileKind.values()) {
            Map<String, String> merged = new LinkedHashMap<>(common);
            merged.putAll(entries(PROPERTY + "." + kind.label(), perKind.getOrDefault(kind, ""), kind, errors));
            byKind.put(kind, Collections.unmodifiableMap(merged));
        }
        if (!errors.isEmpty()) {
            throw new InvalidMappingException(String.join("; ", errors));
        }
        return new ColumnMapping(byKind);
    }

    private static Map<String, String> entries(String property, String value, FileKind kind, List<String> errors) {
        Map<String, String> entries = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return entries;
        }
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String where = property + " entry \"" + entry.trim() + "\": ";
            int equals = entry.indexOf('=');
            if (equals < 0 || entry.indexOf('=', equals + 1) >= 0) {
                errors.add(where + "write it as <column in the file>=<Tailor field>, one = per entry, entries separated"
                        + " by commas");
                continue;
            }
            String source = entry.substring(0, equals).trim();
            String target = entry.substring(equals + 1).trim();
            if (source.isEmpty() || target.isEmpty()) {
                errors.add(where + (source.isEmpty() ? "the column in the file is missing before the =" : "the Tailor"
                        + " field is missing after the = (use - to drop the column)"));
                continue;
            }
            String problem = targetProblem(target, kind);
            if (problem != null) {
                errors.add(where + problem);
                continue;
            }
            String earlier = entries.putIfAbsent(source, target);
            if (earlier != null && !earlier.equals(target)) {
                errors.add(where + "the column " + source + " is already mapped to " + earlier + " in " + property);
            }
        }
        return entries;
    }

    private static String targetProblem(String target, FileKind kind) {
        if (target.equals(IGNORE)) {
            return null;
        }
        if (kind != null) {
            return kind.isCanonical(target) ? null : target + " is not a field of a " + kind.label()
                    + " file; the fields are " + kind.canonicalNames();
        }
        if (Arrays.stream(FileKind.values()).anyMatch(any -> any.isCanonical(target))) {
            return null;
        }
        StringBuilder fields = new StringBuilder();
        for (FileKind any : FileKind.values()) {
            fields.append(fields.isEmpty() ? "" : "; ").append(any.label()).append(": ").append(any.canonicalNames());
        }
        return target + " is not a field of any kind of file (" + fields + ")";
    }

    /** The field a column of this kind of file gives: its mapped name, null if dropped, or the name itself. */
    String target(FileKind kind, String source) {
        String target = byKind.getOrDefault(kind, Map.of()).getOrDefault(source, source);
        return target.equals(IGNORE) ? null : target;
    }

    boolean isEmpty() {
        return byKind.values().stream().allMatch(Map::isEmpty);
    }

    /** The configured mapping is not usable; the message says which entry and why. */
    static final class InvalidMappingException extends Exception {

        private static final long serialVersionUID = 1L;

        InvalidMappingException(String message) {
            super(message);
        }
    }
}
