package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tailor.segments.internal.LocatedJson.ArrayNode;
import org.tailor.segments.internal.LocatedJson.Member;
import org.tailor.segments.internal.LocatedJson.NumberNode;
import org.tailor.segments.internal.LocatedJson.ObjectNode;
import org.tailor.segments.internal.LocatedJson.Position;
import org.tailor.segments.internal.LocatedJson.StringNode;
import org.tailor.segments.internal.ScorePlan.AttributeInput;
import org.tailor.segments.internal.ScorePlan.EventsInput;
import org.tailor.segments.internal.ScorePlan.Input;
import org.tailor.segments.internal.ScorePlan.Normalization;
import org.tailor.segments.internal.ScorePlan.Prefer;
import org.tailor.segments.internal.ScorePlan.ScoreInput;

/**
 * Reads a scoring plan file strictly, like segment files: the first problem is thrown as a
 * {@link SegmentFileException} naming the file, the line and column of the offending node, its
 * path in the document ({@code /inputs/0/weight}) and the reason.
 */
final class ScorePlanParser extends LocatedJsonParser {

    static final int MAX_INPUTS = 100;
    static final BigDecimal MAX_WEIGHT = BigDecimal.valueOf(1_000_000);

    private static final List<String> FILE_KEYS = List.of("id", "name", "description", "inputs");
    private static final List<String> KINDS = List.of("attribute", "score", "events");
    private static final List<String> COMMON_KEYS = List.of("weight", "normalize", "prefer");
    private static final List<String> EVENTS_KEYS = List.of("weight", "normalize", "prefer", "withinDays");

    /** A parsed plan and where its id was written, for messages about the id. */
    record ParsedPlan(ScorePlan plan, Position idPosition) {
    }

    private ScorePlanParser(String file) {
        super(file);
    }

    /**
     * Parses the text of a plan file.
     *
     * @param file how to name the file in messages, usually its file name
     * @throws SegmentFileException for malformed JSON or an invalid plan
     */
    static ParsedPlan parse(String file, String text) throws SegmentFileException {
        return new ScorePlanParser(file).plan(LocatedJsonReader.read(file, text));
    }

    private ParsedPlan plan(LocatedJson root) throws SegmentFileException {
        ObjectNode object = object(root, "", "a scoring plan");
        onlyKeys(object, "", FILE_KEYS);
        LocatedJson idNode = required(object, "", "id", "a scoring plan");
        String id = string(idNode, "/id", "id");
        if (!ScorePlan.ID.matcher(id).matches()) {
            throw error(idNode, "/id", "'id' must be 1 to 64 lower-case letters, digits and _, starting with a letter or digit, got '"
                    + id + "'");
        }
        String name = optionalString(object, "name");
        String description = optionalString(object, "description");
        LocatedJson inputsNode = required(object, "", "inputs", "a scoring plan");
        if (!(inputsNode instanceof ArrayNode array) || array.items().isEmpty()) {
            throw error(inputsNode, "/inputs", "'inputs' needs a non-empty array of inputs like [{\"attribute\": \"lifetime_value\", "
                    + "\"weight\": 1}], got " + LocatedJson.kind(inputsNode));
        }
        if (array.items().size() > MAX_INPUTS) {
            throw error(array.items().get(MAX_INPUTS), "/inputs/" + MAX_INPUTS, "a plan has at most " + MAX_INPUTS + " inputs");
        }
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < array.items().size(); i++) {
            inputs.add(input(array.items().get(i), "/inputs/" + i));
        }
        return new ParsedPlan(new ScorePlan(id, name.isBlank() ? id : name, description, inputs), idNode.position());
    }

    private Input input(LocatedJson node, String path) throws SegmentFileException {
        ObjectNode object = object(node, path, "an input");
        List<Member> kinds = object.members().values().stream().filter(m -> KINDS.contains(m.key())).toList();
        if (kinds.isEmpty()) {
            onlyKeys(object, path, with(KINDS, EVENTS_KEYS));
            throw error(object, path, "an input needs one of " + quoted(KINDS));
        }
        if (kinds.size() > 1) {
            Member second = kinds.get(1);
            throw error(second.keyPosition(), child(path, second.key()), "an input has exactly one of " + quoted(KINDS)
                    + ", found both '" + kinds.get(0).key() + "' and '" + second.key() + "'; make them two inputs");
        }
        String kind = kinds.get(0).key();
        onlyKeys(object, path, with(List.of(kind), kind.equals("events") ? EVENTS_KEYS : COMMON_KEYS));
        LocatedJson body = object.members().get(kind).value();
        String bodyPath = child(path, kind);
        double weight = weight(required(object, path, "weight", "an input"), child(path, "weight"));
        Normalization normalization = normalization(object, path);
        Prefer prefer = prefer(object, path);
        switch (kind) {
            case "attribute": {
                String attribute = string(body, bodyPath, "attribute");
                if (attribute.isBlank()) {
                    throw error(body, bodyPath, "'attribute' must not be blank");
                }
                return new AttributeInput(attribute, weight, normalization, prefer);
            }
            case "score": {
                String score = string(body, bodyPath, "score");
                if (ScoreNames.CLUSTER.equals(score)) {
                    throw error(body, bodyPath, "'cluster' is a name, not a number; a plan can use " + String.join(", ", ScoreNames.NUMERIC));
                }
                if (!ScoreNames.NUMERIC.contains(score)) {
                    throw error(body, bodyPath, "unknown score '" + score + "' " + Suggestions.hint(score, ScoreNames.NUMERIC)
                            + (score.startsWith(ScorePlan.SCORE_PREFIX) ? "; a plan cannot use another plan, add its inputs instead" : ""));
                }
                return new ScoreInput(score, weight, normalization, prefer);
            }
            default: {
                String type = string(body, bodyPath, "events");
                if (!Rule.EVENT_TYPE.matcher(type).matches()) {
                    throw error(body, bodyPath, "'events' must be an event type of lower-case letters, digits and _, "
                            + "starting with a letter, such as email_opened, got '" + type + "'");
                }
                LocatedJson days = required(object, path, "withinDays", "an events input");
                if (!(days instanceof NumberNode n) || !n.integral() || n.value().compareTo(BigDecimal.ONE) < 0
                        || n.value().compareTo(BigDecimal.valueOf(Rule.MAX_DAYS)) > 0) {
                    throw error(days, child(path, "withinDays"), "'withinDays' must be a whole number of days from 1 to "
                            + Rule.MAX_DAYS + ", got " + LocatedJson.kind(days));
                }
                return new EventsInput(type, n.value().intValueExact(), weight, normalization, prefer);
            }
        }
    }

    private double weight(LocatedJson node, String path) throws SegmentFileException {
        if (node instanceof NumberNode n && n.value().signum() > 0 && n.value().compareTo(MAX_WEIGHT) <= 0) {
            return n.value().doubleValue();
        }
        throw error(node, path, "'weight' must be a number above 0 and at most " + MAX_WEIGHT + ", got " + LocatedJson.kind(node));
    }

    private Normalization normalization(ObjectNode object, String path) throws SegmentFileException {
        Optional<LocatedJson> node = optional(object, "normalize");
        if (node.isEmpty()) {
            return Normalization.RANK;
        }
        List<String> names = Arrays.stream(Normalization.values()).map(n -> n.json).toList();
        String given = string(node.get(), child(path, "normalize"), "normalize");
        return Arrays.stream(Normalization.values()).filter(n -> n.json.equals(given)).findFirst()
                .orElseThrow(() -> error(node.get(), child(path, "normalize"),
                        "unknown normalization '" + given + "' " + Suggestions.hint(given, names)));
    }

    private Prefer prefer(ObjectNode object, String path) throws SegmentFileException {
        Optional<LocatedJson> node = optional(object, "prefer");
        if (node.isEmpty()) {
            return Prefer.HIGH;
        }
        String given = string(node.get(), child(path, "prefer"), "prefer");
        return switch (given) {
            case "high" -> Prefer.HIGH;
            case "low" -> Prefer.LOW;
            default -> throw error(node.get(), child(path, "prefer"), "'prefer' must be \"high\" or \"low\", got '" + given + "'");
        };
    }

    /** The top-level string {@code key}, or "" if absent. */
    private String optionalString(ObjectNode object, String key) throws SegmentFileException {
        Optional<LocatedJson> node = optional(object, key);
        return node.isPresent() ? string(node.get(), "/" + key, key) : "";
    }

    private static List<String> with(List<String> first, List<String> rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(rest);
        return all;
    }
}
