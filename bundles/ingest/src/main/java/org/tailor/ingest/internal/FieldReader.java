package org.tailor.ingest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.tailor.api.ingest.Violation;

/**
 * Reads typed values out of one record's fields: the conversion half of validation. It reports
 * only what cannot be converted at all (a date that is no date, a number that is no number, an
 * unknown field); whether a converted value is acceptable is for the Bean Validation constraints on
 * the record types ({@link RecordValidator}). Every problem is collected, so that an admin fixes a
 * row in one go.
 *
 * <p>Values may be strings as read from text sources or typed values from typed sources. Blank
 * strings count as absent, like empty CSV cells. Not thread safe: one reader per record.
 */
final class FieldReader {

    /** A custom attribute or property name given as a flat {@code prefix.name} field. */
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The form shop exports such as Shopify's write: {@code 2026-11-01 10:00:00 +0100}. */
    private static final java.time.format.DateTimeFormatter SPACED_OFFSET =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS] [xxx][xx]");

    private final Map<String, Object> fields;
    private final List<Violation> violations = new ArrayList<>();

    FieldReader(Map<String, Object> fields) {
        this.fields = fields;
    }

    List<Violation> violations() {
        return violations;
    }

    void violation(String field, String reason) {
        violations.add(new Violation(field, reason));
    }

    boolean present(String name) {
        Object value = fields.get(name);
        return value != null && !(value instanceof String s && s.isBlank());
    }

    /**
     * Every field must be one of {@code known}, or start with {@code prefix} followed by a valid
     * name, or be the prefix without its dot holding a map (the nested form JSON sources use).
     */
    void rejectUnknown(Set<String> known, String prefix) {
        String nested = prefix == null ? null : prefix.substring(0, prefix.length() - 1);
        for (String name : fields.keySet()) {
            if (known.contains(name)) {
                continue;
            }
            if (nested != null && name.equals(nested)) {
                if (!(fields.get(name) instanceof Map<?, ?>)) {
                    violation(name, "must be an object of named values");
                }
                continue;
            }
            if (prefix != null && name.startsWith(prefix)) {
                String suffix = name.substring(prefix.length());
                if (!NAME.matcher(suffix).matches()) {
                    violation(name, Text.quote(suffix) + " is not a valid name after '" + prefix
                            + "': use letters, digits and _, starting with a letter, at most 64");
                }
                continue;
            }
            Set<String> sorted = new TreeSet<>(known);
            violation(name, "unknown field; known fields are " + String.join(", ", sorted)
                    + (prefix == null ? "" : ", " + prefix + "<name> and " + nested));
        }
    }

    /** Trimmed text; numbers and other typed values as their string form. */
    String text(String name) {
        if (!present(name)) {
            return null;
        }
        Object value = fields.get(name);
        return value instanceof String s ? s.strip() : String.valueOf(value);
    }

    /** Trimmed and lower-cased, so that the same mailbox always yields the same identity. */
    String email(String name) {
        String text = text(name);
        return text == null ? null : EmailAddresses.normalize(text);
    }

    /** A language tag in its canonical form; the underscore form Java and many exports use ({@code de_AT}) is accepted. */
    String languageTag(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(text.replace('_', '-')).build();
            return locale.getLanguage().isEmpty() ? text : locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            return text; // the constraint names it
        }
    }

    /** An ISO-8601 instant, an offset date-time, or a plain date meaning the start of that day in UTC. */
    Instant instant(String name) {
        if (!present(name)) {
            return null;
        }
        Object value = fields.get(name);
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        String text = String.valueOf(value).strip();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            // fall through to the other accepted forms
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notAnOffsetDateTime) {
            // fall through
        }
        try {
            return OffsetDateTime.parse(text, SPACED_OFFSET).toInstant();
        } catch (DateTimeParseException notASpacedDateTime) {
            // fall through
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            violation(name, Text.quote(text) + " is not a date-time: use an ISO-8601 instant such as "
                    + "2026-01-02T10:00:00Z, an offset date-time such as 2026-01-02T11:00:00+01:00 or a date such as 2026-01-02");
            return null;
        }
    }

    LocalDate date(String name) {
        if (!present(name)) {
            return null;
        }
        Object value = fields.get(name);
        if (value instanceof LocalDate given) {
            return given;
        }
        String text = String.valueOf(value).strip();
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            violation(name, Text.quote(text) + " is not a date in the form yyyy-MM-dd, such as 1990-04-23");
            return null;
        }
    }

    BigDecimal decimal(String name) {
        return decimal(name, fields.get(name));
    }

    /** A decimal from a value that is not a field of this reader (a line item's), reported under {@code name}. */
    BigDecimal decimal(String name, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        String text = value instanceof String s ? s.strip() : String.valueOf(value);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            violation(name, Text.quote(text) + " is not a decimal number: use digits and a dot, such as 19.99");
            return null;
        }
    }

    /** A whole number, reported under {@code name}; null if absent or not a whole number. */
    Integer integer(String name, Object value) {
        BigDecimal decimal = decimal(name, value);
        if (decimal == null) {
            return null;
        }
        try {
            return decimal.intValueExact();
        } catch (ArithmeticException e) {
            violation(name, Text.quote(decimal) + " is not a whole number");
            return null;
        }
    }

    /** The value of a field that is not one of this reader's, converted like {@link #text}. */
    static String text(Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            return null;
        }
        return value instanceof String s ? s.strip() : String.valueOf(value);
    }

    /** The raw value of a field, for structured fields such as a list of line items. */
    Object raw(String name) {
        return fields.get(name);
    }

    /**
     * Named values given as flat {@code prefix.name} fields and as a map in the field named like the
     * prefix without its dot. Map entries are flattened: nested maps join their names with dots,
     * lists become JSON text, and characters outside letters, digits and _ in names become _, so that
     * names such as "Product Name" from tracking libraries stay usable.
     */
    Map<String, Object> named(String prefix) {
        Map<String, Object> result = new LinkedHashMap<>();
        String nested = prefix.substring(0, prefix.length() - 1);
        if (fields.get(nested) instanceof Map<?, ?> map) {
            flatten("", map, result, 0);
        }
        for (String name : fields.keySet()) {
            if (name.startsWith(prefix) && NAME.matcher(name.substring(prefix.length())).matches()) {
                Object value = scalar(fields.get(name));
                if (value != null) {
                    result.put(name.substring(prefix.length()), value);
                }
            }
        }
        return result;
    }

    private void flatten(String path, Map<?, ?> map, Map<String, Object> into, int depth) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = path + safeName(String.valueOf(entry.getKey()));
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> inner && depth < 4) {
                flatten(key + ".", inner, into, depth + 1);
            } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
                into.put(key, json(value));
            } else {
                Object scalar = scalar(value);
                if (scalar != null) {
                    into.put(key, scalar);
                }
            }
        }
    }

    /** Strings are trimmed, blank ones dropped; numbers, booleans and dates are kept; anything else is kept for the constraint to name. */
    private static Object scalar(Object value) {
        if (value instanceof String s) {
            return s.isBlank() ? null : s.strip();
        }
        return value;
    }

    private static String safeName(String name) {
        String safe = name.strip().replaceAll("[^A-Za-z0-9_]", "_");
        if (safe.isEmpty() || !Character.isLetter(safe.charAt(0))) {
            safe = "p_" + safe;
        }
        return safe;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
