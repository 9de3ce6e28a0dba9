package org.tailor.runtime.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tailor.runtime.internal.LocatedJson.InvalidFile;
import org.tailor.runtime.internal.LocatedJson.Node;

/**
 * Reads one trigger file:
 * <pre>
 * {"id": "cart-abandoned", "name": "...", "template": "cart-reminder", "purpose": "email_marketing",
 *  "from": "Shop &lt;shop@example.com&gt;", "version": 1,
 *  "when": {"after": "cart_added", "unless": ["order"], "delayHours": 4}}
 * </pre>
 * {@code when} is one of {@code {"after", "unless", "delayHours" | "delayDays"}},
 * {@code {"anniversary", "atLocalTime"}} or {@code {"enters", "delayHours" | "delayDays"}}.
 */
final class TriggerFileParser {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** As the segment rules spell event types. */
    static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    static final List<String> REQUIRED = List.of("id", "template", "purpose", "from", "when");
    static final List<String> KNOWN = List.of("id", "name", "template", "purpose", "from", "version", "when");
    static final List<String> KINDS = List.of("after", "anniversary", "enters");
    static final Duration MAX_DELAY = Duration.ofDays(366);

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("HH:mm");

    private TriggerFileParser() {
    }

    static TriggerDefinition parse(Path file) throws InvalidFile {
        Node root = LocatedJson.read(file);
        if (!root.isObject()) {
            throw new InvalidFile(file, root, "expected a JSON object with the fields " + KNOWN);
        }
        Map<String, Node> fields = root.fields();
        for (Map.Entry<String, Node> field : fields.entrySet()) {
            if (!KNOWN.contains(field.getKey())) {
                throw new InvalidFile(file, field.getValue(), "unknown field '" + field.getKey() + "'; known fields are " + KNOWN);
            }
        }
        for (String name : REQUIRED) {
            if (!fields.containsKey(name)) {
                throw new InvalidFile(file, root, "field '" + name + "': missing (required: " + REQUIRED + ")");
            }
        }
        String id = text(file, fields, "id");
        if (!ID.matcher(id).matches()) {
            throw new InvalidFile(file, fields.get("id"), "field 'id': '" + id + "' is not a valid id (lower-case letters, "
                    + "digits and '-', starting with a letter or digit, at most 64 characters)");
        }
        String from = text(file, fields, "from");
        try {
            new InternetAddress(from, true).validate();
        } catch (AddressException e) {
            throw new InvalidFile(file, fields.get("from"), "field 'from': not a valid RFC 5322 address: " + e.getMessage());
        }
        String name = fields.containsKey("name") ? text(file, fields, "name") : id;
        TriggerCondition condition = condition(file, fields.get("when"));
        return new TriggerDefinition(id, name, text(file, fields, "template"), text(file, fields, "purpose"), from,
                version(file, fields.get("version")), condition, file.toString());
    }

    private static TriggerCondition condition(Path file, Node when) throws InvalidFile {
        if (!when.isObject()) {
            throw new InvalidFile(file, when, "field 'when': must be an object with one of " + KINDS + ", got " + when.describe());
        }
        Map<String, Node> fields = when.fields();
        List<String> kinds = KINDS.stream().filter(fields::containsKey).toList();
        if (kinds.size() != 1) {
            throw new InvalidFile(file, when, "field 'when': must have exactly one of " + KINDS
                    + (kinds.isEmpty() ? "" : ", has " + kinds));
        }
        return switch (kinds.get(0)) {
            case "after" -> afterEvent(file, fields);
            case "anniversary" -> anniversary(file, fields);
            default -> segmentEntry(file, fields);
        };
    }

    private static TriggerCondition afterEvent(Path file, Map<String, Node> fields) throws InvalidFile {
        only(file, fields, List.of("after", "unless", "delayHours", "delayDays"), "an 'after' trigger");
        String after = eventType(file, fields.get("after"), "when.after");
        Set<String> unless = new LinkedHashSet<>();
        Node node = fields.get("unless");
        if (node != null) {
            List<Node> types = node.value() instanceof String ? List.of(node) : node.elements();
            if (types.isEmpty()) {
                throw new InvalidFile(file, node, "field 'when.unless': must be an event type or a non-empty array of them, got "
                        + node.describe());
            }
            for (Node type : types) {
                String t = eventType(file, type, "when.unless");
                if (t.equals(after)) {
                    throw new InvalidFile(file, type, "field 'when.unless': '" + t + "' is the event that starts the "
                            + "trigger; it cannot also cancel it");
                }
                unless.add(t);
            }
        }
        return new TriggerCondition.AfterEvent(after, unless, delay(file, fields));
    }

    private static TriggerCondition anniversary(Path file, Map<String, Node> fields) throws InvalidFile {
        only(file, fields, List.of("anniversary", "atLocalTime"), "an 'anniversary' trigger");
        Node attribute = fields.get("anniversary");
        if (!(attribute.value() instanceof String a) || !ATTRIBUTE.matcher(a).matches()) {
            throw new InvalidFile(file, attribute, "field 'when.anniversary': must name a date attribute such as "
                    + "\"birth_date\" or \"signed_up_at\", got " + attribute.describe());
        }
        LocalTime at = LocalTime.of(9, 0);
        Node time = fields.get("atLocalTime");
        if (time != null) {
            try {
                at = LocalTime.parse(String.valueOf(time.value() instanceof String s ? s : ""), LOCAL_TIME);
            } catch (DateTimeParseException e) {
                throw new InvalidFile(file, time, "field 'when.atLocalTime': must be a time of day as HH:mm, such as "
                        + "\"09:00\", got " + time.describe());
            }
        }
        return new TriggerCondition.Anniversary(a, at);
    }

    private static TriggerCondition segmentEntry(Path file, Map<String, Node> fields) throws InvalidFile {
        only(file, fields, List.of("enters", "delayHours", "delayDays"), "an 'enters' trigger");
        Node segment = fields.get("enters");
        if (!(segment.value() instanceof String s) || !ID.matcher(s).matches()) {
            throw new InvalidFile(file, segment, "field 'when.enters': must be a segment id, got " + segment.describe());
        }
        return new TriggerCondition.SegmentEntry(s, delay(file, fields));
    }

    private static void only(Path file, Map<String, Node> fields, List<String> known, String what) throws InvalidFile {
        for (Map.Entry<String, Node> field : fields.entrySet()) {
            if (!known.contains(field.getKey())) {
                throw new InvalidFile(file, field.getValue(), "field 'when." + field.getKey() + "': not a field of "
                        + what + "; its fields are " + known);
            }
        }
    }

    private static Duration delay(Path file, Map<String, Node> fields) throws InvalidFile {
        Node hours = fields.get("delayHours");
        Node days = fields.get("delayDays");
        if (hours != null && days != null) {
            throw new InvalidFile(file, days, "field 'when.delayDays': give delayHours or delayDays, not both");
        }
        if (hours == null && days == null) {
            return Duration.ZERO;
        }
        Node node = hours != null ? hours : days;
        String name = hours != null ? "delayHours" : "delayDays";
        if (!(node.value() instanceof Number n)) {
            throw new InvalidFile(file, node, "field 'when." + name + "': must be a number, got " + node.describe());
        }
        BigDecimal amount = new BigDecimal(n.toString());
        BigDecimal seconds = amount.multiply(BigDecimal.valueOf(hours != null ? 3600 : 86400));
        if (amount.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(MAX_DELAY.toSeconds())) > 0) {
            throw new InvalidFile(file, node, "field 'when." + name + "': must be from 0 to " + MAX_DELAY.toDays()
                    + " days, got " + node.describe());
        }
        return Duration.ofSeconds(seconds.longValue());
    }

    private static String eventType(Path file, Node node, String field) throws InvalidFile {
        if (node.value() instanceof String type && EVENT_TYPE.matcher(type).matches()) {
            return type;
        }
        throw new InvalidFile(file, node, "field '" + field + "': must be an event type (lower-case letters, digits and "
                + "'_', starting with a letter), got " + node.describe());
    }

    private static String text(Path file, Map<String, Node> fields, String name) throws InvalidFile {
        Node field = fields.get(name);
        if (!(field.value() instanceof String s)) {
            throw new InvalidFile(file, field, "field '" + name + "': must be a string, got " + field.describe());
        }
        if (s.isBlank()) {
            throw new InvalidFile(file, field, "field '" + name + "': must not be blank");
        }
        return s.strip();
    }

    private static int version(Path file, Node field) throws InvalidFile {
        if (field == null) {
            return 1;
        }
        if (field.value() instanceof Integer i && i >= 1) {
            return i;
        }
        throw new InvalidFile(file, field, "field 'version': must be a positive integer, got " + field.describe());
    }
}
