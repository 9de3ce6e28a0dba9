package org.tailor.connector.jdbc.internal;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A table or column name from the configuration. Configuration text ends up inside SQL, so a name is
 * accepted only when every part matches a strict pattern, and it is quoted with the driver's own
 * identifier quote so that reserved words ({@code order}, {@code user}) work as names too.
 *
 * @param parts one part for a column, up to three ({@code catalog.schema.table}) for a table
 */
record SqlName(List<String> parts) {

    private static final Pattern PART = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    SqlName {
        parts = List.copyOf(parts);
    }

    /** A column name: one part. */
    static SqlName column(String property, String text) {
        return parse(property, text, 1);
    }

    /** A table or view name, optionally qualified by schema (and catalog). */
    static SqlName table(String property, String text) {
        return parse(property, text, 3);
    }

    private static SqlName parse(String property, String text, int maxParts) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new ConfigurationException(property + " is blank");
        }
        String[] parts = trimmed.split("\\.", -1);
        if (parts.length > maxParts || !Arrays.stream(parts).allMatch(p -> PART.matcher(p).matches())) {
            throw new ConfigurationException(property + " '" + trimmed + "' is not a valid name: use letters, digits and _,"
                    + " starting with a letter or _, at most 63 each" + (maxParts > 1 ? ", parts separated by dots" : ""));
        }
        return new SqlName(List.of(parts));
    }

    /** The name as SQL text, each part between the given quotes; bare when the driver has no quoting (a space). */
    String sql(String quote) {
        String q = quote == null || quote.isBlank() ? "" : quote;
        return parts.stream().map(p -> q + p + q).collect(Collectors.joining("."));
    }

    @Override
    public String toString() {
        return String.join(".", parts);
    }
}
