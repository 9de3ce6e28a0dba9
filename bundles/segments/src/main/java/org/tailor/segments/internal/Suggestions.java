package org.tailor.segments.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** "Did you mean" hints for misspelt keys and operators. */
final class Suggestions {

    private static final int MAX_DISTANCE = 2;

    /** Spellings people bring from SQL, spreadsheets and other tools; keys are lower case. */
    private static final Map<String, String> OPERATOR_ALIASES = Map.ofEntries(
            Map.entry("=", "eq"), Map.entry("==", "eq"), Map.entry("is", "eq"), Map.entry("equal", "eq"),
            Map.entry("equals", "eq"), Map.entry("!=", "ne"), Map.entry("<>", "ne"), Map.entry("neq", "ne"),
            Map.entry("not_equals", "ne"), Map.entry("notequals", "ne"), Map.entry("not_equal", "ne"),
            Map.entry(">", "gt"), Map.entry(">=", "gte"), Map.entry("ge", "gte"), Map.entry("<", "lt"),
            Map.entry("<=", "lte"), Map.entry("le", "lte"), Map.entry("not_in", "notIn"), Map.entry("nin", "notIn"),
            Map.entry("starts_with", "startsWith"), Map.entry("prefix", "startsWith"), Map.entry("includes", "contains"),
            Map.entry("like", "contains"), Map.entry("present", "exists"), Map.entry("range", "between"));

    private Suggestions() {
    }

    /** {@code (did you mean 'x'?)} for a likely typo, else {@code (expected one of a, b, c)}. */
    static String hint(String given, Collection<String> candidates) {
        return closest(given, candidates).map(c -> "(did you mean '" + c + "'?)")
                .orElse("(expected one of " + String.join(", ", candidates) + ")");
    }

    /** Like {@link #hint} for operator names, which also knows common spellings from other tools. */
    static String operatorHint(String given, Collection<String> operators) {
        String alias = OPERATOR_ALIASES.get(given.toLowerCase(Locale.ROOT));
        return alias != null ? "(did you mean '" + alias + "'?)" : hint(given, operators);
    }

    /** The candidate within two edits, ignoring case; failing that, one that is a prefix of the other. */
    static Optional<String> closest(String given, Collection<String> candidates) {
        String g = given.toLowerCase(Locale.ROOT);
        Optional<String> near = candidates.stream()
                .filter(c -> distance(g, c.toLowerCase(Locale.ROOT)) <= MAX_DISTANCE)
                .min(Comparator.comparingInt(c -> distance(g, c.toLowerCase(Locale.ROOT))));
        if (near.isPresent() || g.length() < 2) {
            return near;
        }
        return candidates.stream()
                .filter(c -> c.length() >= 2 && (g.startsWith(c.toLowerCase(Locale.ROOT)) || c.toLowerCase(Locale.ROOT).startsWith(g)))
                .max(Comparator.comparingInt(String::length));
    }

    /** Levenshtein distance; inputs are short keys, so the quadratic table is fine. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
