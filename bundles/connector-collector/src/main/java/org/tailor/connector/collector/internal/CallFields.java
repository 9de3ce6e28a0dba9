package org.tailor.connector.collector.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of one call's JSON fields; each failure names the field and what was expected. */
final class CallFields {

    private final Map<String, Object> message;

    CallFields(Map<String, Object> message) {
        this.message = message;
    }

    Object raw(String name) {
        return message.get(name);
    }

    /** A string field; blank counts as absent. */
    Optional<String> text(String name) throws InvalidCallException {
        return text(name, message.get(name));
    }

    /**
     * An identifier: a string, or an integer that some clients send for user ids. Blank counts as
     * absent, because analytics.js sends an empty userId for anonymous visitors.
     */
    Optional<String> id(String name) throws InvalidCallException {
        Object value = message.get(name);
        if (value instanceof Long number) {
            return Optional.of(number.toString());
        }
        if (value instanceof BigDecimal number && number.stripTrailingZeros().scale() <= 0) {
            return Optional.of(number.toBigInteger().toString());
        }
        return text(name, value);
    }

    Optional<Map<String, Object>> object(String name) throws InvalidCallException {
        return object(name, message.get(name));
    }

    Optional<Instant> instant(String name) throws InvalidCallException {
        return instant(name, message.get(name));
    }

    static Optional<String> text(String name, Object value) throws InvalidCallException {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new InvalidCallException(name, "must be a string, not " + describe(value));
        }
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> object(String name, Object value) throws InvalidCallException {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map)) {
            throw new InvalidCallException(name, "must be a JSON object, not " + describe(value));
        }
        return Optional.of((Map<String, Object>) value);
    }

    static Optional<Instant> instant(String name, Object value) throws InvalidCallException {
        Optional<String> text = text(name, value);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.get()).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidCallException(name, "\"" + Texts.excerpt(text.get())
                    + "\" is not an ISO-8601 date-time with an offset, such as 2026-11-23T10:15:30.000Z");
        }
    }

    static String describe(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof Map) {
            return "an object";
        }
        return "null";
    }
}
