package org.tailor.content.internal;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the values Tailor hands to templates into the few types the sandbox lets templates touch
 * (String, Number, Boolean, read-only Map and List), and formats them for output.
 */
final class TemplateValues {

    private TemplateValues() {
    }

    /**
     * A read-only copy a template may read. Dates and instants become ISO strings; records
     * (for example a Campaign) become maps of their components so {@code $campaign.name} works.
     */
    static Object readOnly(Object value) {
        // Most values arrive already safe (text, numbers, immutable collections of them): no copy needed.
        if (alreadySafe(value, 0)) {
            return value;
        }
        if (value instanceof BigDecimal number && !TemplateContext.isModest(number)) {
            // As text it prints the same, but arithmetic on 1E+30000000 would build thirty million digits.
            return number.toString();
        }
        if (value instanceof java.math.BigInteger number && number.bitLength() > TemplateContext.MAX_DIGITS * 3.33) {
            return number.toString();
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof ProfileView || value instanceof RawVariables) {
            return value;
        }
        if (value instanceof TemporalAccessor || value instanceof Enum<?> || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), readOnly(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(TemplateValues::readOnly).toList();
        }
        if (value instanceof Object[] array) {
            return readOnly(List.of(array));
        }
        if (value instanceof Record record) {
            return readOnly(components(record));
        }
        return value.toString();
    }

    private static final Class<?> UNMODIFIABLE_MAP = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();
    private static final Class<?> UNMODIFIABLE_LIST = Collections.unmodifiableList(new java.util.ArrayList<>()).getClass();
    private static final int MAX_SAFE_DEPTH = 8;

    /**
     * Whether the value can be handed to a template as it is: text, a boolean, a number that is
     * neither outsized nor of a type readOnly would convert, or a collection that cannot be changed
     * through it (the JDK's immutable collections, or an unmodifiable view) holding only such values.
     */
    private static boolean alreadySafe(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof ProfileView
                || value instanceof RawVariables) {
            return true;
        }
        if (value instanceof BigDecimal number) {
            return TemplateContext.isModest(number);
        }
        if (value instanceof java.math.BigInteger number) {
            return number.bitLength() <= TemplateContext.MAX_DIGITS * 3.33;
        }
        if (value instanceof Number) {
            return true;
        }
        if (depth >= MAX_SAFE_DEPTH) {
            return false;
        }
        if (value instanceof Map<?, ?> map && (isImmutable(map) || map.getClass() == UNMODIFIABLE_MAP)) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String) || !alreadySafe(entry.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list && (isImmutable(list) || list.getClass() == UNMODIFIABLE_LIST)) {
            for (Object element : list) {
                if (!alreadySafe(element, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** The JDK's own immutable collections (List.of, Map.of, copyOf, Stream.toList) come back from copyOf as themselves. */
    private static boolean isImmutable(Object collection) {
        return collection.getClass().getName().startsWith("java.util.ImmutableCollections$");
    }

    private static Map<String, Object> components(Record record) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                values.put(component.getName(), component.getAccessor().invoke(record));
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot read " + component.getName() + " of "
                        + record.getClass().getSimpleName(), e);
            }
        }
        return values;
    }

    /** How a value reads in a message: numbers plain (no exponent), dates ISO, nothing for null. */
    static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).toPlainString();
        }
        return value.toString();
    }
}
