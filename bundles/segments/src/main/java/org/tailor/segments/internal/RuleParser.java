package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tailor.segments.internal.LocatedJson.ArrayNode;
import org.tailor.segments.internal.LocatedJson.BooleanNode;
import org.tailor.segments.internal.LocatedJson.Member;
import org.tailor.segments.internal.LocatedJson.NumberNode;
import org.tailor.segments.internal.LocatedJson.ObjectNode;
import org.tailor.segments.internal.LocatedJson.Position;
import org.tailor.segments.internal.LocatedJson.StringNode;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.AllTime;
import org.tailor.segments.internal.Rule.AnniversaryCondition;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.AttributeCondition;
import org.tailor.segments.internal.Rule.Between;
import org.tailor.segments.internal.Rule.BoughtCondition;
import org.tailor.segments.internal.Rule.ClusterCondition;
import org.tailor.segments.internal.Rule.ConsentCondition;
import org.tailor.segments.internal.Rule.ConsentState;
import org.tailor.segments.internal.Rule.Count;
import org.tailor.segments.internal.Rule.DateCondition;
import org.tailor.segments.internal.Rule.DaysAgo;
import org.tailor.segments.internal.Rule.Direction;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.EventSpec;
import org.tailor.segments.internal.Rule.LastDays;
import org.tailor.segments.internal.Rule.LifecycleCondition;
import org.tailor.segments.internal.Rule.Measure;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.PropertyFilter;
import org.tailor.segments.internal.Rule.PurchaseCondition;
import org.tailor.segments.internal.Rule.PurchaseField;
import org.tailor.segments.internal.Rule.ScoreCondition;
import org.tailor.segments.internal.Rule.SegmentCondition;
import org.tailor.segments.internal.Rule.SequenceCondition;
import org.tailor.segments.internal.Rule.Sum;
import org.tailor.segments.internal.Rule.Window;

/**
 * Reads a JSON segment file into a {@link Segment}, or {@code lifecycle.json} into a
 * {@link Lifecycle}, validating everything at load time. The first problem found is thrown as a {@link SegmentFileException} naming the file, the line and
 * column of the offending node, its path in the document ({@code /rule/all/0/op}) and the reason.
 * The format is described in the segment guide and mirrored by {@link RulePrinter}.
 */
final class RuleParser extends LocatedJsonParser {

    /** A parsed segment and where its id was written, for messages about the id. */
    record ParsedSegment(Segment segment, Position idPosition) {
    }

    private static final List<String> FILE_KEYS = List.of("id", "name", "description", "rule");
    private static final List<String> LIFECYCLE_KEYS = List.of("stages");
    private static final List<String> STAGE_KEYS = List.of("stage", "rule");
    private static final Map<String, List<String>> KEYS_BY_KIND = Map.ofEntries(
            Map.entry("all", List.of()),
            Map.entry("any", List.of()),
            Map.entry("not", List.of()),
            Map.entry("attribute", List.of("op", "value")),
            Map.entry("date", List.of("withinLastDays", "withinNextDays")),
            Map.entry("anniversary", List.of("withinNextDays")),
            Map.entry("event", List.of("where", "atLeast", "atMost", "sum", "withinDays", "daysAgo", "from", "to")),
            Map.entry("sequence", List.of("then", "thenNo", "withinHours", "withinDays", "daysAgo", "from", "to")),
            Map.entry("purchase", List.of("op", "value")),
            Map.entry("bought", List.of("withinDays", "daysAgo", "from", "to")),
            Map.entry("segment", List.of()),
            Map.entry("score", List.of("op", "value")),
            Map.entry("cluster", List.of()),
            Map.entry("consent", List.of("status")),
            Map.entry("lifecycle", List.of()));
    private static final List<String> KINDS = List.of("all", "any", "not", "attribute", "date", "anniversary", "event",
            "sequence", "purchase", "bought", "segment", "score", "cluster", "consent", "lifecycle");
    private static final List<String> RULE_KEYS = KINDS.stream()
            .flatMap(kind -> Stream.concat(Stream.of(kind), KEYS_BY_KIND.get(kind).stream()))
            .distinct().collect(Collectors.toUnmodifiableList());
    private static final List<String> FILTER_KEYS = List.of("property", "op", "value");
    private static final List<String> SPEC_KEYS = List.of("event", "where");
    private static final List<String> SUM_KEYS = List.of("property", "atLeast");

    private final RuleBudget budget;

    private RuleParser(String file) {
        super(file);
        this.budget = new RuleBudget(file);
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
        RuleParser parser = new RuleParser(file);
        Rule rule = parser.rule(LocatedJsonReader.read(file, text), "");
        parser.budget.check(rule);
        return rule;
    }

    /**
     * Parses the text of {@code lifecycle.json}: {@code {"stages": [{"stage": name, "rule": rule}, …]}}.
     *
     * @throws SegmentFileException for malformed JSON or an invalid lifecycle
     */
    static Lifecycle.Parsed parseLifecycle(String file, String text) throws SegmentFileException {
        return new RuleParser(file).lifecycle(LocatedJsonReader.read(file, text));
    }

    private Lifecycle.Parsed lifecycle(LocatedJson root) throws SegmentFileException {
        ObjectNode object = object(root, "", "a lifecycle file");
        onlyKeys(object, "", LIFECYCLE_KEYS);
        LocatedJson stagesNode = required(object, "", "stages", "a lifecycle file");
        if (!(stagesNode instanceof ArrayNode array) || array.items().isEmpty()) {
            throw error(stagesNode, "/stages", "'stages' needs a non-empty array of stages like [{\"stage\": \"active\", "
                    + "\"rule\": {\"event\": \"order\", \"withinDays\": 90}}], got " + LocatedJson.kind(stagesNode));
        }
        List<Lifecycle.Stage> stages = new ArrayList<>();
        List<Position> positions = new ArrayList<>();
        Map<String, Position> seen = new HashMap<>();
        for (int i = 0; i < array.items().size(); i++) {
            String path = "/stages/" + i;
            ObjectNode stage = object(array.items().get(i), path, "a stage");
            onlyKeys(stage, path, STAGE_KEYS);
            LocatedJson nameNode = required(stage, path, "stage", "a stage");
            String name = string(nameNode, child(path, "stage"), "stage");
            Optional<String> problem = Lifecycle.problemWithName(name);
            if (problem.isPresent()) {
                throw error(nameNode, child(path, "stage"), problem.get());
            }
            Position first = seen.putIfAbsent(name, nameNode.position());
            if (first != null) {
                throw error(nameNode, child(path, "stage"), "stage '" + name + "' is already defined at " + first);
            }
            Rule rule = rule(required(stage, path, "rule", "a stage"), child(path, "rule"));
            budget.check(rule);
            stages.add(new Lifecycle.Stage(name, rule));
            positions.add(stage.position());
        }
        return new Lifecycle.Parsed(new Lifecycle(stages), positions);
    }

    private ParsedSegment segment(LocatedJson root) throws SegmentFileException {
        ObjectNode object = object(root, "", "a segment file");
        onlyKeys(object, "", FILE_KEYS);
        LocatedJson idNode = required(object, "", "id", "a segment file");
        String id = string(idNode, "/id", "id");
        if (!Segment.ID.matcher(id).matches()) {
            throw error(idNode, "/id", "'id' must be 1 to 64 lower-case letters, digits and '-', starting with a letter or digit, got '"
                    + id + "'");
        }
        Optional<LocatedJson> nameNode = optional(object, "name");
        String name = nameNode.isPresent() ? string(nameNode.get(), "/name", "name") : "";
        Optional<LocatedJson> descriptionNode = optional(object, "description");
        String description = descriptionNode.isPresent() ? string(descriptionNode.get(), "/description", "description") : "";
        Rule rule = rule(required(object, "", "rule", "a segment file"), "/rule");
        budget.check(rule);
        return new ParsedSegment(new Segment(id, name.isBlank() ? id : name, description, rule), idNode.position());
    }

    private Rule rule(LocatedJson node, String path) throws SegmentFileException {
        return budget.at(unlocatedRule(node, path), node.position(), path);
    }

    private Rule unlocatedRule(LocatedJson node, String path) throws SegmentFileException {
        ObjectNode object = object(node, path, "a rule");
        onlyKeys(object, path, RULE_KEYS);
        List<Member> kinds = object.members().values().stream().filter(m -> KINDS.contains(m.key())).collect(Collectors.toList());
        if (kinds.isEmpty()) {
            throw error(object, path, (object.members().isEmpty() ? "empty rule" : "incomplete rule")
                    + "; a rule needs one of " + quoted(KINDS));
        }
        if (kinds.size() > 1) {
            Member second = kinds.get(1);
            throw error(second.keyPosition(), child(path, second.key()), "a rule has exactly one of " + quoted(KINDS)
                    + ", found both '" + kinds.get(0).key() + "' and '" + second.key() + "'; wrap them in \"all\" or \"any\"");
        }
        String kind = kinds.get(0).key();
        List<String> allowed = KEYS_BY_KIND.get(kind);
        for (Member member : object.members().values()) {
            if (!member.key().equals(kind) && !allowed.contains(member.key())) {
                throw error(member.keyPosition(), child(path, member.key()), "'" + member.key() + "' cannot be used with '" + kind
                        + "' (a rule with '" + kind + "' has only: " + String.join(", ", with(kind, allowed)) + ")");
            }
        }
        LocatedJson body = object.members().get(kind).value();
        String bodyPath = child(path, kind);
        switch (kind) {
            case "all":
                return new All(rules(body, bodyPath, "all"));
            case "any":
                return new Any(rules(body, bodyPath, "any"));
            case "not":
                return new Not(rule(body, bodyPath));
            case "attribute": {
                String attribute = name(body, bodyPath, "attribute");
                Operator op = operator(object, path, "an attribute condition");
                return new AttributeCondition(attribute, op, literal(object, path, op));
            }
            case "date":
                return dateCondition(object, path, name(body, bodyPath, "date"));
            case "anniversary": {
                String attribute = name(body, bodyPath, "anniversary");
                LocatedJson days = required(object, path, "withinNextDays", "an anniversary condition");
                return new AnniversaryCondition(attribute, wholeNumber(days, child(path, "withinNextDays"), 0, 366,
                        "'withinNextDays' must be a whole number of days from 0 to 366"));
            }
            case "event":
                return eventCondition(object, path);
            case "sequence":
                return sequenceCondition(object, path);
            case "purchase":
                return purchaseCondition(object, path, body, bodyPath);
            case "bought":
                return new BoughtCondition(categories(body, bodyPath), window(object, path));
            case "segment": {
                String id = string(body, bodyPath, "segment");
                if (!Segment.ID.matcher(id).matches()) {
                    throw error(body, bodyPath, "'segment' must be a segment id (lower-case letters, digits and '-'), got '" + id + "'");
                }
                if (id.equals(SegmentGraph.LIFECYCLE)) {
                    throw error(body, bodyPath, "no segment is called 'lifecycle'; to test the lifecycle stage write {\"lifecycle\": [\"active\"]}");
                }
                return new SegmentCondition(id);
            }
            case "score": {
                String score = string(body, bodyPath, "score");
                if (!Rule.SCORE.matcher(score).matches()) {
                    throw error(body, bodyPath, "'score' must be a score name of 1 to 128 lower-case letters, digits, _ and ., got '"
                            + score + "'");
                }
                Operator op = operator(object, path, "a score condition");
                return new ScoreCondition(score, op, literal(object, path, op));
            }
            case "cluster":
                return new ClusterCondition(names(body, bodyPath, "cluster", "cluster names, like [\"Power buyers\"]"));
            case "consent":
                return consentCondition(object, path, body, bodyPath);
            case "lifecycle": {
                List<String> stages = names(body, bodyPath, "lifecycle", "stage names, like [\"at_risk\"]");
                for (int i = 0; i < stages.size(); i++) {
                    Optional<String> problem = Lifecycle.problemWithStage(stages.get(i));
                    if (problem.isPresent()) {
                        throw error(((ArrayNode) body).items().get(i), bodyPath + "/" + i, problem.get());
                    }
                }
                return new LifecycleCondition(stages);
            }
            default:
                throw new AssertionError(kind);
        }
    }

    private List<Rule> rules(LocatedJson node, String path, String key) throws SegmentFileException {
        if (!(node instanceof ArrayNode array)) {
            throw error(node, path, "'" + key + "' needs an array of rules, got " + LocatedJson.kind(node));
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < array.items().size(); i++) {
            rules.add(rule(array.items().get(i), path + "/" + i));
        }
        return rules;
    }

    private DateCondition dateCondition(ObjectNode object, String path, String attribute) throws SegmentFileException {
        Optional<LocatedJson> last = optional(object, "withinLastDays");
        Optional<LocatedJson> next = optional(object, "withinNextDays");
        if (last.isPresent() == next.isPresent()) {
            throw error(object, path, "a date condition needs exactly one of 'withinLastDays' and 'withinNextDays'");
        }
        String key = last.isPresent() ? "withinLastDays" : "withinNextDays";
        int days = wholeNumber(last.orElseGet(next::get), child(path, key), 0, Rule.MAX_DAYS,
                "'" + key + "' must be a whole number of days from 0 to " + Rule.MAX_DAYS);
        return new DateCondition(attribute, last.isPresent() ? Direction.LAST : Direction.NEXT, days);
    }

    private EventCondition eventCondition(ObjectNode object, String path) throws SegmentFileException {
        EventSpec spec = spec(object, path);
        Optional<LocatedJson> sumNode = optional(object, "sum");
        Measure measure;
        if (sumNode.isPresent()) {
            for (String key : List.of("atLeast", "atMost")) {
                if (object.members().containsKey(key)) {
                    throw error(object.members().get(key).keyPosition(), child(path, key),
                            "'" + key + "' counts events and cannot be used with 'sum'; a sum has its own 'atLeast'");
                }
            }
            measure = sum(sumNode.get(), child(path, "sum"));
        } else {
            OptionalInt atLeast = count(object, path, "atLeast");
            OptionalInt atMost = count(object, path, "atMost");
            if (atLeast.isPresent() && atMost.isPresent() && atMost.getAsInt() < atLeast.getAsInt()) {
                throw error(object.members().get("atMost").value(), child(path, "atMost"),
                        "'atMost' (" + atMost.getAsInt() + ") must not be less than 'atLeast' (" + atLeast.getAsInt() + ")");
            }
            measure = new Count(atLeast.orElse(atMost.isPresent() ? 0 : 1), atMost);
        }
        return new EventCondition(spec.event(), spec.where(), measure, window(object, path));
    }

    private Sum sum(LocatedJson node, String path) throws SegmentFileException {
        ObjectNode object = object(node, path, "'sum'");
        onlyKeys(object, path, SUM_KEYS);
        String property = name(required(object, path, "property", "'sum'"), child(path, "property"), "property");
        LocatedJson least = required(object, path, "atLeast", "'sum'");
        if (!(least instanceof NumberNode n)) {
            throw error(least, child(path, "atLeast"), "'atLeast' of a sum must be a number, got " + LocatedJson.kind(least));
        }
        return new Sum(property, n.value());
    }

    private SequenceCondition sequenceCondition(ObjectNode object, String path) throws SegmentFileException {
        LocatedJson firstNode = object.members().get("sequence").value();
        EventSpec first = spec(object(firstNode, child(path, "sequence"), "'sequence'"), child(path, "sequence"), SPEC_KEYS);
        Optional<LocatedJson> then = optional(object, "then");
        Optional<LocatedJson> thenNo = optional(object, "thenNo");
        if (then.isPresent() == thenNo.isPresent()) {
            throw error(object, path, "a sequence needs exactly one of 'then' and 'thenNo'");
        }
        String key = then.isPresent() ? "then" : "thenNo";
        EventSpec second = spec(object(then.orElseGet(thenNo::get), child(path, key), "'" + key + "'"), child(path, key), SPEC_KEYS);
        LocatedJson hours = required(object, path, "withinHours", "a sequence");
        int withinHours = wholeNumber(hours, child(path, "withinHours"), 1, Rule.MAX_HOURS,
                "'withinHours' must be a whole number of hours from 1 to " + Rule.MAX_HOURS);
        return new SequenceCondition(first, window(object, path), thenNo.isPresent(), second, withinHours);
    }

    private EventSpec spec(ObjectNode object, String path) throws SegmentFileException {
        LocatedJson eventNode = required(object, path, "event", "an event");
        String event = string(eventNode, child(path, "event"), "event");
        if (!Rule.EVENT_TYPE.matcher(event).matches()) {
            throw error(eventNode, child(path, "event"), "'event' must be an event type of lower-case letters, digits and _, "
                    + "starting with a letter, such as product_viewed, got '" + event + "'");
        }
        Optional<LocatedJson> whereNode = optional(object, "where");
        List<PropertyFilter> where = whereNode.isPresent() ? filters(whereNode.get(), child(path, "where")) : List.of();
        return new EventSpec(event, where);
    }

    private EventSpec spec(ObjectNode object, String path, List<String> keys) throws SegmentFileException {
        onlyKeys(object, path, keys);
        return spec(object, path);
    }

    private PurchaseCondition purchaseCondition(ObjectNode object, String path, LocatedJson body, String bodyPath)
            throws SegmentFileException {
        String figure = string(body, bodyPath, "purchase");
        PurchaseField field = PurchaseField.of(figure).orElseThrow(() -> error(body, bodyPath, "unknown purchase figure '"
                + figure + "' " + Suggestions.hint(figure, PurchaseField.NAMES)));
        Operator op = operator(object, path, "a purchase condition");
        return new PurchaseCondition(field, op, literal(object, path, op));
    }

    private List<String> categories(LocatedJson node, String path) throws SegmentFileException {
        List<String> categories = names(node, path, "bought", "categories, like [\"outdoor\"]");
        for (int i = 0; i < categories.size(); i++) {
            if (categories.get(i).contains(",")) {
                throw error(((ArrayNode) node).items().get(i), path + "/" + i, "a category cannot contain ',', got '" + categories.get(i) + "'");
            }
        }
        return categories;
    }

    /** A non-empty array of non-blank strings. */
    private List<String> names(LocatedJson node, String path, String key, String what) throws SegmentFileException {
        if (!(node instanceof ArrayNode array) || array.items().isEmpty()) {
            throw error(node, path, "'" + key + "' needs a non-empty array of " + what + ", got " + LocatedJson.kind(node));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < array.items().size(); i++) {
            names.add(name(array.items().get(i), path + "/" + i, key));
        }
        return names;
    }

    private ConsentCondition consentCondition(ObjectNode object, String path, LocatedJson body, String bodyPath)
            throws SegmentFileException {
        String purpose = string(body, bodyPath, "consent");
        if (!Rule.PURPOSE.matcher(purpose).matches()) {
            throw error(body, bodyPath, "'consent' must be a consent purpose of lower-case letters, digits and _, such as "
                    + "email_marketing, got '" + purpose + "'");
        }
        LocatedJson statusNode = required(object, path, "status", "a consent condition");
        String statusPath = child(path, "status");
        List<String> words = names(statusNode, statusPath, "status", "statuses, like [\"granted\"]");
        List<ConsentState> states = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Optional<ConsentState> state = ConsentState.of(words.get(i));
            if (state.isEmpty()) {
                throw error(((ArrayNode) statusNode).items().get(i), statusPath + "/" + i, "unknown consent status '" + words.get(i)
                        + "' " + Suggestions.hint(words.get(i), ConsentState.WORDS));
            }
            states.add(state.get());
        }
        return new ConsentCondition(purpose, states);
    }

    /** {@code withinDays}, {@code daysAgo}, or {@code from} and {@code to}, or none of them for all time. */
    private Window window(ObjectNode object, String path) throws SegmentFileException {
        Optional<LocatedJson> days = optional(object, "withinDays");
        Optional<LocatedJson> ago = optional(object, "daysAgo");
        Optional<LocatedJson> from = optional(object, "from");
        Optional<LocatedJson> to = optional(object, "to");
        List<String> given = Stream.of("withinDays", "daysAgo", "from", "to").filter(object.members()::containsKey).toList();
        if (given.size() > 1 && !given.equals(List.of("from", "to"))) {
            String key = given.get(1);
            throw error(object.members().get(key).keyPosition(), child(path, key),
                    "use one of 'withinDays', 'daysAgo', or 'from' and 'to', not several");
        }
        if (days.isPresent()) {
            return new LastDays(wholeNumber(days.get(), child(path, "withinDays"), 1, Rule.MAX_DAYS,
                    "'withinDays' must be a whole number of days from 1 to " + Rule.MAX_DAYS));
        }
        if (ago.isPresent()) {
            return daysAgo(ago.get(), child(path, "daysAgo"));
        }
        if (from.isPresent() != to.isPresent()) {
            throw error(object, path, "'from' and 'to' go together; missing '" + (from.isPresent() ? "to" : "from") + "'");
        }
        if (from.isEmpty()) {
            return new AllTime();
        }
        Object start = date(from.get(), child(path, "from"));
        Object end = date(to.get(), child(path, "to"));
        try {
            return new Between(start, end);
        } catch (IllegalArgumentException e) {
            throw error(to.get(), child(path, "to"), "'to' must not be before 'from'");
        }
    }

    /** {@code [from, to]}: events from {@code to} days ago to {@code from} days ago. */
    private DaysAgo daysAgo(LocatedJson node, String path) throws SegmentFileException {
        if (!(node instanceof ArrayNode array) || array.items().size() != 2) {
            throw error(node, path, "'daysAgo' needs two numbers of days [from, to], like [31, 90] for 31 to 90 days ago, got "
                    + LocatedJson.kind(node));
        }
        String reason = "'daysAgo' needs whole numbers of days from 1 to " + Rule.MAX_DAYS;
        int from = wholeNumber(array.items().get(0), path + "/0", 1, Rule.MAX_DAYS, reason);
        int to = wholeNumber(array.items().get(1), path + "/1", 1, Rule.MAX_DAYS, reason);
        if (from > to) {
            throw error(array.items().get(1), path + "/1", "'daysAgo' needs the nearer day first, [from, to] with from <= to, got ["
                    + from + ", " + to + "]");
        }
        return new DaysAgo(from, to);
    }

    private Object date(LocatedJson node, String path) throws SegmentFileException {
        if (node instanceof StringNode s) {
            try {
                return s.value().length() == 10 ? LocalDate.parse(s.value()) : OffsetDateTime.parse(s.value()).toInstant();
            } catch (DateTimeException e) {
                // reported below
            }
        }
        throw error(node, path, "expected a date \"2024-05-01\" or a time with offset \"2024-05-01T10:00:00Z\", got "
                + LocatedJson.kind(node));
    }

    private List<PropertyFilter> filters(LocatedJson node, String path) throws SegmentFileException {
        if (!(node instanceof ArrayNode array)) {
            throw error(node, path, "'where' needs an array of filters like [{\"property\": \"category\", \"op\": \"eq\", "
                    + "\"value\": \"outdoor\"}], got " + LocatedJson.kind(node));
        }
        List<PropertyFilter> filters = new ArrayList<>();
        for (int i = 0; i < array.items().size(); i++) {
            String itemPath = path + "/" + i;
            ObjectNode filter = object(array.items().get(i), itemPath, "a 'where' filter");
            onlyKeys(filter, itemPath, FILTER_KEYS);
            String property = name(required(filter, itemPath, "property", "a 'where' filter"), child(itemPath, "property"), "property");
            Operator op = operator(filter, itemPath, "a 'where' filter");
            filters.add(new PropertyFilter(property, op, literal(filter, itemPath, op)));
        }
        return filters;
    }

    private Operator operator(ObjectNode object, String path, String what) throws SegmentFileException {
        LocatedJson node = required(object, path, "op", what);
        String name = string(node, child(path, "op"), "op");
        return Operator.fromJson(name).orElseThrow(() -> error(node, child(path, "op"),
                "unknown operator '" + name + "' " + Suggestions.operatorHint(name, Operator.NAMES)));
    }

    /** The literal for {@code op}: checked here so that the message points at the value. */
    private Object literal(ObjectNode object, String path, Operator op) throws SegmentFileException {
        Optional<LocatedJson> node = optional(object, "value");
        String valuePath = child(path, "value");
        Object value = null;
        if (node.isPresent()) {
            LocatedJson v = node.get();
            if (v instanceof ArrayNode array) {
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < array.items().size(); i++) {
                    items.add(scalar(array.items().get(i), valuePath + "/" + i, "each value in the 'value' array"));
                }
                value = items;
            } else {
                value = scalar(v, valuePath, "'value'");
            }
        }
        Optional<String> problem = op.problemWith(value);
        if (problem.isPresent()) {
            throw node.isPresent() ? error(node.get(), valuePath, problem.get()) : error(object, path, problem.get());
        }
        return value;
    }

    private Object scalar(LocatedJson node, String path, String what) throws SegmentFileException {
        if (node instanceof StringNode s) {
            return s.value();
        }
        if (node instanceof NumberNode n) {
            return n.value();
        }
        if (node instanceof BooleanNode b) {
            return b.value();
        }
        throw error(node, path, what + " must be a string, number or boolean, got " + LocatedJson.kind(node)
                + ("'value'".equals(what) ? "; to test that a value is present use {\"op\": \"exists\"}" : ""));
    }

    private OptionalInt count(ObjectNode object, String path, String key) throws SegmentFileException {
        Optional<LocatedJson> node = optional(object, key);
        if (node.isEmpty()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(wholeNumber(node.get(), child(path, key), 0, Integer.MAX_VALUE,
                "'" + key + "' must be a whole number, 0 or more"));
    }

    private int wholeNumber(LocatedJson node, String path, int min, int max, String reason) throws SegmentFileException {
        if (node instanceof NumberNode n && n.integral()
                && n.value().compareTo(BigDecimal.valueOf(min)) >= 0 && n.value().compareTo(BigDecimal.valueOf(max)) <= 0) {
            return n.value().intValueExact();
        }
        throw error(node, path, reason + ", got " + LocatedJson.kind(node));
    }

    private String name(LocatedJson node, String path, String key) throws SegmentFileException {
        String name = string(node, path, key);
        if (name.isBlank()) {
            throw error(node, path, "'" + key + "' must not be blank");
        }
        return name;
    }

    private static List<String> with(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
