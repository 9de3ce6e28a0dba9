package org.tailor.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns attribute and event property maps into JSON text and back, keeping each value's Java type.
 *
 * <p>The common types stay plain JSON so that the column remains readable and queryable:
 * String as a string, Boolean as a boolean, Long as an integer, a finite Double as a number with a
 * fraction or exponent (which is how Java prints every double). Every other type is a one-field
 * object whose name is a tag and whose value is the text form, e.g. {@code {"$date":"1990-04-01"}};
 * attribute values are never objects themselves, so the two forms cannot be confused.
 *
 * <p>The {@linkplain #nested() nested} codec, for inbound records kept as dead letters, also takes
 * a List (a JSON array) and a Map (tagged {@code $map}, so that a map holding a key such as
 * {@code $date} stays a map), and never refuses a value: a type it does not know is kept as its
 * text, tagged {@code $text}, and read back as that String, because a rejected record must be kept
 * whatever a connector put in it.
 *
 * <p>Thread safe.
 */
final class AttributeCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, Function<String, Object>> PARSERS = Map.of(
            "$date", LocalDate::parse,
            "$instant", Instant::parse,
            "$decimal", BigDecimal::new,
            "$int", Integer::valueOf,
            "$short", Short::valueOf,
            "$byte", Byte::valueOf,
            "$text", text -> text,
            "$bigint", BigInteger::new,
            "$float", Float::valueOf,
            "$double", Double::valueOf);

    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final boolean nested;

    /** The codec of profile attributes and event properties: flat values of the allowed types only. */
    AttributeCodec() {
        this(false);
    }

    private AttributeCodec(boolean nested) {
        this.nested = nested;
    }

    /** The codec of inbound record fields: lists and maps too, and any other value as text. */
    static AttributeCodec nested() {
        return new AttributeCodec(true);
    }

    /**
     * @throws IllegalArgumentException if a value has a type that profiles and events do not allow
     */
    String encode(Map<String, ?> values) {
        return write(object(values, false));
    }

    /**
     * The same JSON for equal maps whatever their iteration order (keys sorted at every level),
     * for telling whether two records are the same.
     */
    String canonical(Map<String, ?> values) {
        return write(object(values, true));
    }

    private String write(JsonNode root) {
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serializes; reaching this is a bug.
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private ObjectNode object(Map<?, ?> values, boolean sorted) {
        ObjectNode node = NODES.objectNode();
        Map<String, Object> named = sorted ? new TreeMap<>() : new LinkedHashMap<>();
        values.forEach((name, value) -> named.put(String.valueOf(name), value));
        named.forEach((name, value) -> node.set(name, toNode(name, value, sorted)));
        return node;
    }

    /**
     * @throws IllegalArgumentException if the text is not what {@link #encode} writes
     */
    Map<String, Object> decode(String json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            values.put(field.getKey(), fromNode(field.getKey(), field.getValue()));
        }
        return values;
    }

    private JsonNode toNode(String name, Object value, boolean sorted) {
        if (value == null) {
            // Profiles forbid null values, event properties do not.
            return NODES.nullNode();
        } else if (value instanceof String s) {
            return NODES.textNode(s);
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof Long l) {
            return NODES.numberNode(l);
        } else if (value instanceof Double d && Double.isFinite(d)) {
            return NODES.numberNode(d);
        } else if (value instanceof Double d) {
            return tagged("$double", d.toString());
        } else if (value instanceof BigDecimal d) {
            return tagged("$decimal", d.toString());
        } else if (value instanceof Integer i) {
            return tagged("$int", i.toString());
        } else if (value instanceof BigInteger i) {
            return tagged("$bigint", i.toString());
        } else if (value instanceof Float f) {
            return tagged("$float", f.toString());
        } else if (value instanceof LocalDate d) {
            return tagged("$date", d.toString());
        } else if (value instanceof Instant i) {
            return tagged("$instant", i.toString());
        } else if (value instanceof Short i) {
            return tagged("$short", i.toString());
        } else if (value instanceof Byte i) {
            return tagged("$byte", i.toString());
        } else if (nested && value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                array.add(toNode(name + "[" + i + "]", list.get(i), sorted));
            }
            return array;
        } else if (nested && value instanceof Map<?, ?> map) {
            return NODES.objectNode().set("$map", object(map, sorted));
        } else if (nested) {
            return tagged("$text", value.toString());
        }
        throw new IllegalArgumentException("value of '" + name + "' has unsupported type "
                + value.getClass().getName() + "; allowed are String, Boolean, Long, Integer, Short, Byte, BigInteger, "
                + "Double, Float, BigDecimal, LocalDate and Instant");
    }

    private static ObjectNode tagged(String tag, String text) {
        return NODES.objectNode().put(tag, text);
    }

    private Object fromNode(String name, JsonNode node) {
        if (node.isNull()) {
            return null;
        } else if (node.isTextual()) {
            return node.textValue();
        } else if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        } else if (node.isFloatingPointNumber()) {
            return node.doubleValue();
        } else if (nested && node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                list.add(fromNode(name + "[" + i + "]", node.get(i)));
            }
            return list;
        } else if (node.isObject() && node.size() == 1) {
            String tag = node.fieldNames().next();
            JsonNode text = node.get(tag);
            if (nested && tag.equals("$map") && text.isObject()) {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> fields = text.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    map.put(field.getKey(), fromNode(name + "." + field.getKey(), field.getValue()));
                }
                return map;
            }
            Function<String, Object> parser = PARSERS.get(tag);
            if (parser != null && text.isTextual()) {
                try {
                    return parser.apply(text.textValue());
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("value of '" + name + "' is not a valid " + tag + ": "
                            + e.getMessage(), e);
                }
            }
        }
        throw new IllegalArgumentException("value of '" + name + "' is neither a plain JSON value nor a tagged one");
    }
}
