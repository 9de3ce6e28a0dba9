package org.tailor.connector.csv.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tailor.api.ingest.RecordKind;

/**
 * The three kinds of CSV file the hot folder takes, told apart by file name prefix, each with the
 * columns it may have and the ones it must have. The lists are Tailor's canonical CSV format.
 */
enum CsvKind {

    CUSTOMERS("customers", RecordKind.CUSTOMER, "attributes.",
            List.of("customer_id", "email", "first_name", "last_name", "city", "country", "birth_date",
                    "signed_up_at", "locale", "time_zone", "email_marketing_consent", "consent_at"),
            List.of(List.of("customer_id", "email"))),
    ORDERS("orders", RecordKind.ORDER, null,
            List.of("order_id", "customer_id", "email", "ordered_at", "total", "currency", "category"),
            List.of(List.of("customer_id", "email"), List.of("order_id"), List.of("ordered_at"), List.of("total"),
                    List.of("currency"))),
    EVENTS("events", RecordKind.EVENT, "properties.",
            List.of("event_id", "customer_id", "email", "type", "occurred_at"),
            List.of(List.of("customer_id", "email"), List.of("type"), List.of("occurred_at")));

    private static final String EXTENSION = ".csv";

    private final String prefix;
    private final RecordKind recordKind;
    private final String openPrefix;
    private final List<String> columns;
    private final List<List<String>> required;

    CsvKind(String prefix, RecordKind recordKind, String openPrefix, List<String> columns, List<List<String>> required) {
        this.prefix = prefix;
        this.recordKind = recordKind;
        this.openPrefix = openPrefix;
        this.columns = columns;
        this.required = required;
    }

    /** The kind a file name announces ({@code customers*.csv} and so on, any case), or empty. */
    static Optional<CsvKind> ofFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (!name.endsWith(EXTENSION)) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(kind -> name.startsWith(kind.prefix)).findFirst();
    }

    /** The accepted file names, for messages. */
    static String allowedNames() {
        return Arrays.stream(values()).map(kind -> kind.prefix + "*.csv").collect(Collectors.joining(", "));
    }

    /** Where the order of files matters, customers come first so that orders and events find full profiles. */
    int importOrder() {
        return ordinal();
    }

    String label() {
        return prefix;
    }

    RecordKind recordKind() {
        return recordKind;
    }

    /** Everything wrong with a header row; empty if it is fine. Blank column names are allowed (spreadsheets add them). */
    List<HeaderProblem> check(List<String> header) {
        List<HeaderProblem> problems = new ArrayList<>();
        if (header.size() == 1 && header.get(0).contains(";")) {
            problems.add(new HeaderProblem(header.get(0), "the header is separated by ';', not ','; save the file as"
                    + " comma-separated \"CSV UTF-8\""));
            return problems;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                continue;
            }
            Integer earlier = seen.putIfAbsent(name, i + 1);
            if (earlier != null) {
                problems.add(new HeaderProblem(name, "appears twice in the header (columns " + earlier + " and "
                        + (i + 1) + "); a column may appear only once"));
            } else if (!allows(name)) {
                problems.add(new HeaderProblem(name, unknownReason(name)));
            }
        }
        for (List<String> oneOf : required) {
            if (oneOf.stream().noneMatch(seen::containsKey)) {
                String names = String.join(" or ", oneOf);
                problems.add(new HeaderProblem(names, "required column missing: a " + prefix + " file needs a "
                        + names + " column"));
            }
        }
        return problems;
    }

    private boolean allows(String name) {
        return columns.contains(name)
                || openPrefix != null && name.startsWith(openPrefix) && name.length() > openPrefix.length();
    }

    private String unknownReason(String name) {
        String reason = "unknown column for a " + prefix + " file; the columns allowed are " + String.join(", ", columns)
                + (openPrefix == null ? "" : ", and " + openPrefix + "<name> for any other value");
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.equals(name) && allows(lower)) {
            return reason + " (column names are case-sensitive: use " + lower + ")";
        }
        return reason;
    }

    /** One thing wrong with a header row. */
    record HeaderProblem(String column, String reason) {
    }
}
