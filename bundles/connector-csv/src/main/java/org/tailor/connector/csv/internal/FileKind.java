package org.tailor.connector.csv.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tailor.api.ingest.RecordKind;

/**
 * The three kinds of file the hot folder takes, told apart by file name prefix, each with the
 * fields it may have and the ones it must have. The lists are Tailor's canonical import format.
 */
enum FileKind {

    CUSTOMERS("customers", RecordKind.CUSTOMER, "attributes",
            List.of("customer_id", "email", "anonymous_id", "first_name", "last_name", "city", "country", "birth_date",
                    "signed_up_at", "locale", "time_zone", "email_marketing_consent", "consent_at"),
            List.of(List.of("customer_id", "email", "anonymous_id"))),
    ORDERS("orders", RecordKind.ORDER, null,
            List.of("order_id", "customer_id", "email", "anonymous_id", "ordered_at", "total", "currency", "category"),
            List.of(List.of("customer_id", "email", "anonymous_id"), List.of("order_id"), List.of("ordered_at"),
                    List.of("total"), List.of("currency"))),
    EVENTS("events", RecordKind.EVENT, "properties",
            List.of("event_id", "customer_id", "email", "anonymous_id", "type", "occurred_at"),
            List.of(List.of("customer_id", "email", "anonymous_id"), List.of("type"), List.of("occurred_at")));

    /** The field of an order record holding its line items. */
    static final String ITEMS = "items";
    /** What a CSV orders file may say about a line item, one item per row; the part after {@code item_} names the item field. */
    static final List<String> ITEM_COLUMNS =
            List.of("item_sku", "item_name", "item_category", "item_quantity", "item_unit_price");
    static final String ITEM_COLUMN_PREFIX = "item_";

    private final String prefix;
    private final RecordKind recordKind;
    private final String openMap;
    private final List<String> fields;
    private final List<List<String>> required;

    FileKind(String prefix, RecordKind recordKind, String openMap, List<String> fields, List<List<String>> required) {
        this.prefix = prefix;
        this.recordKind = recordKind;
        this.openMap = openMap;
        this.fields = fields;
        this.required = required;
    }

    /** The kind a file name announces ({@code customers*.csv}, {@code orders*.jsonl} and so on, any case), or empty. */
    static Optional<FileKind> ofFileName(String fileName) {
        if (FileFormat.ofFileName(fileName).isEmpty()) {
            return Optional.empty();
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> name.startsWith(kind.prefix)).findFirst();
    }

    /** The accepted file names, for messages. */
    static String allowedNames() {
        return Arrays.stream(values()).map(kind -> kind.prefix + "*.csv").collect(Collectors.joining(", "))
                + " (or .jsonl or .ndjson instead of .csv for JSON lines)";
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

    /** {@code attributes} or {@code properties}: the map of free-form values this kind has, or null. */
    String openMap() {
        return openMap;
    }

    /** The fields that hold one text, number or true/false value (item columns not included). */
    List<String> scalarFields() {
        return fields;
    }

    boolean isScalarField(String name) {
        return fields.contains(name) || isOpenField(name);
    }

    /** {@code attributes.tier} for customers, {@code properties.plan} for events. */
    boolean isOpenField(String name) {
        return openMap != null && name.startsWith(openMap + ".") && name.length() > openMap.length() + 1;
    }

    boolean allowsColumn(String name) {
        return isScalarField(name) || this == ORDERS && ITEM_COLUMNS.contains(name);
    }

    /** True for any field name a file of this kind may have, in CSV or JSON lines. */
    boolean isCanonical(String name) {
        return allowsColumn(name) || name.equals(openMap) || this == ORDERS && name.equals(ITEMS);
    }

    /** Everything a mapping may name as target for this kind, for messages. */
    String canonicalNames() {
        Stream<String> extra = this == ORDERS ? Stream.concat(ITEM_COLUMNS.stream(), Stream.of(ITEMS))
                : Stream.of(openMap, openMap + ".<name>");
        return Stream.concat(fields.stream(), extra).collect(Collectors.joining(", "));
    }

    /**
     * Everything wrong with a header row; empty if it is fine. Blank column names are allowed
     * (spreadsheets add them), and so are columns the mapping ignores.
     */
    List<HeaderProblem> check(List<Column> header) {
        List<HeaderProblem> problems = new ArrayList<>();
        if (header.size() == 1 && header.get(0).source().contains(";")) {
            problems.add(new HeaderProblem(header.get(0).source(), "the header is separated by ';', not ','; save the file"
                    + " as comma-separated \"CSV UTF-8\""));
            return problems;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Column column = header.get(i);
            if (column.isIgnored() || column.target().isEmpty()) {
                continue;
            }
            Integer earlier = seen.putIfAbsent(column.target(), i);
            if (earlier != null) {
                problems.add(new HeaderProblem(column.describe(), (column.isMapped() || header.get(earlier).isMapped()
                        ? "gives the field " + column.target() + ", as " + header.get(earlier).describe() + " does"
                        : "appears twice in the header")
                        + " (columns " + (earlier + 1) + " and " + (i + 1) + "); a field may appear only once"));
            } else if (!allowsColumn(column.target())) {
                problems.add(new HeaderProblem(column.describe(), unknownReason(column.target())));
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

    /** Why a name is not a field of this kind, with the names that are. */
    String unknownReason(String name) {
        String reason = "unknown column for a " + prefix + " file; the columns allowed are " + String.join(", ", fields)
                + (this == ORDERS ? ", and for line items " + String.join(", ", ITEM_COLUMNS) : "")
                + (openMap == null ? "" : ", and " + openMap + ".<name> for any other value")
                + "; other column names can be mapped in the connector's configuration";
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.equals(name) && allowsColumn(lower)) {
            return reason + " (column names are case-sensitive: use " + lower + ")";
        }
        return reason;
    }

    /**
     * One column of a header row: its name in the file and the field it gives after mapping
     * (empty for a column without a name, null for a column the mapping ignores).
     */
    record Column(String source, String target) {

        boolean isIgnored() {
            return target == null;
        }

        boolean isMapped() {
            return target != null && !target.equals(source);
        }

        String describe() {
            return isMapped() ? source + " (mapped to " + target + ")" : source;
        }
    }

    /** One thing wrong with a header row. */
    record HeaderProblem(String column, String reason) {
    }
}
