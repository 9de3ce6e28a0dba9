package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.tailor.segments.internal.LocatedJson.ArrayNode;
import org.tailor.segments.internal.LocatedJson.BooleanNode;
import org.tailor.segments.internal.LocatedJson.Member;
import org.tailor.segments.internal.LocatedJson.NumberNode;
import org.tailor.segments.internal.LocatedJson.ObjectNode;
import org.tailor.segments.internal.LocatedJson.Position;
import org.tailor.segments.internal.LocatedJson.StringNode;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.AttributeCondition;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.PropertyFilter;

/**
 * Reads a segment file into a {@link Segment}, validating everything at load time. The first
 * problem found is thrown as a {@link SegmentFileException} naming the file, the line and
 * column of the offending node, and the reason.
 *
 * <p>Format: {@code {"id":..,"name":..,"description":..,"rule":{..}}}; {@code name} defaults to
 * the id and {@code description} to empty. Rule nodes: {@code {"all":[..]}},
 * {@code {"any":[..]}}, {@code {"not":{..}}}, {@code {"attribute":..,"op":..,"value":..}} and
 * {@code {"event":..,"where":[{"property":..,"op":..,"value":..}],"atLeast":..,"atMost":..,"withinDays":..}}.
 */
final class RuleParser {

    /** A parsed segment and where its id was written, for messages about the id. */
    record ParsedSegment(Segment segment, Position idPosition) {
    }

    private static final List<String> FILE_KEYS = List.of("id", "name", "description", "rule");
    private static final List<String> KINDS = List.of("all", "any", "not", "attribute", "event");
    private static final Map<String, List<String>> KEYS_BY_KIND = Map.of(
            "all", List.of("all"),
            "any", List.of("any"),
            "not", List.of("not"),
            "attribute", List.of("attribute", "op", "value"),
            "event", List.of("event", "where", "atLeast", "atMost", "withinDays"));
    private static final List<String> RULE_KEYS = KINDS.stream()
            .flatMap(kind -> KEYS_BY_KIND.get(kind).stream()).distinct().collect(Collectors.toUnmodifiableList());
    private static final List<String> FILTER_KEYS = List.of("property", "op", "value");

    private final String file;

    private RuleParser(String file) {
        this.file = file;
    }

    /**
     * Parses the text of a segment file.
     *
     * @param file how to name the file in messages, usually its file name
     * @throws SegmentFileException for malformed JSON or an invalid segment
     */
    static ParsedSegment parse(String file, String text) throws SegmentFileException {
        return new RuleParser(file).segment(LocatedJsonReader.read(file, text));
    }

    /** Parses a lone rule node, as {@link RulePrinter#print(Rule)} writes it. */
    static Rule parseRule(String file, String text) throws SegmentFileException {
        return new RuleParser(file).rule(LocatedJsonReader.read(file, text));
    }

    private ParsedSegment segment(LocatedJson root) throws SegmentFileException {
        ObjectNode object = object(root, "a segment file");
        onlyKeys(object, FILE_KEYS);
        LocatedJson idNode = required(object, "id", "a segment file");
        String id = string(idNode, "id");
        if (!Segment.ID.matcher(id).matches()) {
            throw error(idNode, "'id' must be 1 to 64 lower-case letters, digits and '-', starting with a letter or digit, got '"
                    + id + "'");
        }
        Optional<LocatedJson> nameNode = optional(object, "name");
        String name = nameNode.isPresent() ? string(nameNode.get(), "name") : "";
        Optional<LocatedJson> descriptionNode = optional(object, "description");
        String description = descriptionNode.isPresent() ? string(descriptionNode.get(), "description") : "";
        Rule rule = rule(required(object, "rule", "a segment file"));
        return new ParsedSegment(new Segment(id, name.isBlank() ? id : name, description, rule), idNode.position());
    }

    private Rule rule(LocatedJson node) throws SegmentFileException {
        ObjectNode object = object(node, "a rule");
        onlyKeys(object, RULE_KEYS);
        List<Member> kinds = object.members().values().stream().filter(m -> KINDS.contains(m.key())).collect(Collectors.toList());
        if (kinds.isEmpty()) {
            throw error(object, (object.members().isEmpty() ? "empty rule" : "incomplete rule")
                    + "; a rule needs one of " + quoted(KINDS));
        }
        if (kinds.size() > 1) {
            Member second = kinds.get(1);
            throw error(second.keyPosition(), "a rule has exactly one of " + quoted(KINDS) + ", found both '"
                    + kinds.get(0).key() + "' and '" + second.key() + "'; wrap them in \"all\" or \"any\"");
        }
        String kind = kinds.get(0).key();
        List<String> allowed = KEYS_BY_KIND.get(kind);
        for (Member member : object.members().values()) {
            if (!allowed.contains(member.key())) {
                throw error(member.keyPosition(), "'" + member.key() + "' cannot be used with '" + kind
                        + "' (a rule with '" + kind + "' has only: " + String.join(", ", allowed) + ")");
            }
        }
        LocatedJson body = object.members().get(kind).value();
        switch (kind) {
            case "all":
                return new All(rules(body, "all"));
            case "any":
                return new Any(rules(body, "any"));
            case "not":
                return new Not(rule(body));
            case "attribute":
                return attributeCondition(object);
            case "event":
                return eventCondition(object);
            default:
                throw new AssertionError(kind);
        }
    }

    private List<Rule> rules(LocatedJson node, String key) throws SegmentFileException {
        if (!(node instanceof ArrayNode array)) {
            throw error(node, "'" + key + "' needs an array of rules, got " + LocatedJson.kind(node));
        }
        List<Rule> rules = new ArrayList<>();
        for (LocatedJson item : array.items()) {
            rules.add(rule(item));
        }
        return rules;
    }

    private AttributeCondition attributeCondition(ObjectNode object) throws SegmentFileException {
        String attribute = name(object.members().get("attribute").value(), "attribute");
        Operator op = operator(object, "an attribute condition");
        return new AttributeCondition(attribute, op, literal(object, op));
    }

    private EventCondition eventCondition(ObjectNode object) throws SegmentFileException {
        LocatedJson eventNode = object.members().get("event").value();
        String event = string(eventNode, "event");
        if (!EventCondition.EVENT_TYPE.matcher(event).matches()) {
            throw error(eventNode, "'event' must be an event type of lower-case letters, digits and _, starting with a letter, "
                    + "such as product_viewed, got '" + event + "'");
        }
        Optional<LocatedJson> whereNode = optional(object, "where");
        List<PropertyFilter> where = whereNode.isPresent() ? filters(whereNode.get()) : List.of();
        OptionalInt atLeast = count(object, "atLeast");
        OptionalInt atMost = count(object, "atMost");
        if (atLeast.isPresent() && atMost.isPresent() && atMost.getAsInt() < atLeast.getAsInt()) {
            throw error(object.members().get("atMost").value(),
                    "'atMost' (" + atMost.getAsInt() + ") must not be less than 'atLeast' (" + atLeast.getAsInt() + ")");
        }
        Optional<LocatedJson> daysNode = optional(object, "withinDays");
        OptionalInt withinDays = daysNode.isPresent()
                ? wholeNumber(daysNode.get(), 1, EventCondition.MAX_WITHIN_DAYS,
                        "'withinDays' must be a whole number of days from 1 to " + EventCondition.MAX_WITHIN_DAYS)
                : OptionalInt.empty();
        int minimum = atLeast.orElse(atMost.isPresent() ? 0 : 1);
        return new EventCondition(event, where, minimum, atMost, withinDays);
    }

    private List<PropertyFilter> filters(LocatedJson node) throws SegmentFileException {
        if (!(node instanceof ArrayNode array)) {
            throw error(node, "'where' needs an array of filters like [{\"property\": \"category\", \"op\": \"eq\", "
                    + "\"value\": \"outdoor\"}], got " + LocatedJson.kind(node));
        }
        List<PropertyFilter> filters = new ArrayList<>();
        for (LocatedJson item : array.items()) {
            ObjectNode filter = object(item, "a 'where' filter");
            onlyKeys(filter, FILTER_KEYS);
            String property = name(required(filter, "property", "a 'where' filter"), "property");
            Operator op = operator(filter, "a 'where' filter");
            filters.add(new PropertyFilter(property, op, literal(filter, op)));
        }
        return filters;
    }

    private Operator operator(ObjectNode object, String what) throws SegmentFileException {
        LocatedJson node = required(object, "op", what);
        String name = string(node, "op");
        return Operator.fromJson(name).orElseThrow(() -> error(node,
                "unknown operator '" + name + "' " + Suggestions.operatorHint(name, Operator.NAMES)));
    }

    /** The literal for {@code op}: checked here so that the message points at the value. */
    private Object literal(ObjectNode object, Operator op) throws SegmentFileException {
        Optional<LocatedJson> node = optional(object, "value");
        Object value = null;
        if (node.isPresent()) {
            LocatedJson v = node.get();
            if (v instanceof ArrayNode array) {
                List<Object> items = new ArrayList<>();
                for (LocatedJson item : array.items()) {
                    items.add(scalar(item, "each value in the 'value' array"));
                }
                value = items;
            } else {
                value = scalar(v, "'value'");
            }
        }
        Optional<String> problem = op.problemWith(value);
        if (problem.isPresent()) {
            throw node.isPresent() ? error(node.get(), problem.get()) : error(object, problem.get());
        }
        return value;
    }

    private Object scalar(LocatedJson node, String what) throws SegmentFileException {
        if (node instanceof StringNode s) {
            return s.value();
        }
        if (node instanceof NumberNode n) {
            return n.value();
        }
        if (node instanceof BooleanNode b) {
            return b.value();
        }
        throw error(node, what + " must be a string, number or boolean, got " + LocatedJson.kind(node)
                + ("'value'".equals(what) ? "; to test that a value is present use {\"op\": \"exists\"}" : ""));
    }

    private OptionalInt count(ObjectNode object, String key) throws SegmentFileException {
        Optional<LocatedJson> node = optional(object, key);
        if (node.isEmpty()) {
            return OptionalInt.empty();
        }
        return wholeNumber(node.get(), 0, Integer.MAX_VALUE, "'" + key + "' must be a whole number, 0 or more");
    }

    private OptionalInt wholeNumber(LocatedJson node, int min, int max, String reason) throws SegmentFileException {
        if (node instanceof NumberNode n && n.integral()
                && n.value().compareTo(BigDecimal.valueOf(min)) >= 0 && n.value().compareTo(BigDecimal.valueOf(max)) <= 0) {
            return OptionalInt.of(n.value().intValueExact());
        }
        throw error(node, reason + ", got " + LocatedJson.kind(node));
    }

    private ObjectNode object(LocatedJson node, String what) throws SegmentFileException {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw error(node, what + " must be a JSON object, got " + LocatedJson.kind(node));
    }

    private void onlyKeys(ObjectNode object, List<String> allowed) throws SegmentFileException {
        for (Member member : object.members().values()) {
            if (!allowed.contains(member.key())) {
                throw error(member.keyPosition(), "unknown key '" + member.key() + "' " + Suggestions.hint(member.key(), allowed));
            }
        }
    }

    private LocatedJson required(ObjectNode object, String key, String what) throws SegmentFileException {
        return optional(object, key).orElseThrow(() -> error(object, "missing '" + key + "' in " + what));
    }

    private static Optional<LocatedJson> optional(ObjectNode object, String key) {
        return Optional.ofNullable(object.members().get(key)).map(Member::value);
    }

    private String string(LocatedJson node, String key) throws SegmentFileException {
        if (node instanceof StringNode s) {
            return s.value();
        }
        throw error(node, "'" + key + "' must be a string, got " + LocatedJson.kind(node));
    }

    private String name(LocatedJson node, String key) throws SegmentFileException {
        String name = string(node, key);
        if (name.isBlank()) {
            throw error(node, "'" + key + "' must not be blank");
        }
        return name;
    }

    private SegmentFileException error(LocatedJson node, String reason) {
        return error(node.position(), reason);
    }

    private SegmentFileException error(Position position, String reason) {
        return new SegmentFileException(file, position, reason);
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }
}
