package org.tailor.connector.collector.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.RecordKind;

/**
 * Maps one call of Segment's tracking spec onto Tailor's canonical inbound record:
 * <ul>
 * <li>identify: a customer; known traits to canonical fields, the other traits to attributes;</li>
 * <li>track: an event whose type is the event name in lower snake case (the name as sent is kept
 * as the property {@code event_name}); page and screen: {@code page_viewed} and
 * {@code screen_viewed} events;</li>
 * <li>alias: an alias from {@code previousId} to {@code userId};</li>
 * <li>group: customer attributes {@code group.id} and {@code group.<trait>}.</li>
 * </ul>
 * {@code userId} becomes {@code customer_id}, {@code anonymousId} {@code anonymous_id}. Events get
 * a stable id from the source and {@code messageId}, so a retried request is stored once.
 */
final class CallMapper {

    static final String EVENT_NAME_PROPERTY = "event_name";

    /** Canonical customer fields: a trait of the same name that is not mapped onto one is kept under {@code trait.}. */
    private static final Set<String> CANONICAL_CUSTOMER_FIELDS = Set.of("customer_id", "email", "anonymous_id",
            "first_name", "last_name", "city", "country", "birth_date", "signed_up_at", "locale", "time_zone",
            "email_marketing_consent", "consent_at", "attributes");

    /** Where a request's calls come from and when it arrived. */
    record Request(String source, Instant receivedAt, Optional<Instant> sentAt) {
    }

    /** The result of mapping one call. */
    sealed interface Outcome permits Mapped, Invalid {
        Optional<String> messageId();
    }

    record Mapped(InboundRecord record, Optional<String> messageId) implements Outcome {
    }

    /** A call that breaks the spec; {@code field} is named as the client sent it (for example {@code traits.email}). */
    record Invalid(Optional<String> messageId, String field, String reason) implements Outcome {
    }

    private CallMapper() {
    }

    /**
     * Maps one call.
     *
     * @param call the call's JSON, as parsed
     * @param pathType the type the request path names, or empty inside a batch (then the call's {@code type} decides)
     * @param position where the call was in the request, for the record's position when it has no messageId
     */
    static Outcome map(Object call, Optional<CallType> pathType, String position, Request request) {
        if (!(call instanceof Map)) {
            return new Invalid(Optional.empty(), "*", "a call must be a JSON object, not " + CallFields.describe(call));
        }
        @SuppressWarnings("unchecked")
        CallFields fields = new CallFields((Map<String, Object>) call);
        Optional<String> messageId = Optional.empty();
        try {
            messageId = fields.id("messageId");
            CallType type = pathType.isPresent() ? pathType.get() : typeOf(fields);
            InboundRecord record = toRecord(type, fields, messageId, messageId.orElse(position), request);
            return new Mapped(record, messageId);
        } catch (InvalidCallException e) {
            return new Invalid(messageId, e.field(), e.reason());
        }
    }

    private static CallType typeOf(CallFields fields) throws InvalidCallException {
        String name = fields.text("type").orElseThrow(() ->
                new InvalidCallException("type", "missing: every call in a batch needs a type (" + CallType.allowedNames() + ")"));
        return CallType.ofWireName(name).orElseThrow(() -> new InvalidCallException("type",
                "\"" + Texts.excerpt(name) + "\" is not a call type Tailor accepts; use " + CallType.allowedNames()));
    }

    private static InboundRecord toRecord(CallType type, CallFields call, Optional<String> messageId, String position,
                                          Request request) throws InvalidCallException {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<String> userId = call.id("userId");
        Optional<String> anonymousId = call.id("anonymousId");
        if (userId.isEmpty() && anonymousId.isEmpty()) {
            throw new InvalidCallException("userId", "userId or anonymousId is required; the call has neither");
        }
        userId.ifPresent(id -> out.put("customer_id", id));
        anonymousId.ifPresent(id -> out.put("anonymous_id", id));
        Map<String, Object> context = call.object("context").orElse(Map.of());
        String source = "collector:" + request.source();
        return switch (type) {
            case IDENTIFY -> new InboundRecord(source, position, RecordKind.CUSTOMER, identify(call, context, out));
            case GROUP -> new InboundRecord(source, position, RecordKind.CUSTOMER, group(call, out));
            case ALIAS -> new InboundRecord(source, position, RecordKind.ALIAS, alias(call, userId, out));
            case TRACK, PAGE, SCREEN -> new InboundRecord(source, position, RecordKind.EVENT,
                    event(type, call, messageId, request, out));
        };
    }

    private static Map<String, Object> identify(CallFields call, Map<String, Object> context, Map<String, Object> out)
            throws InvalidCallException {
        Map<String, Object> traits = call.object("traits").orElse(Map.of());
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> trait : traits.entrySet()) {
            String name = trait.getKey();
            Object value = trait.getValue();
            String field = "traits." + name;
            switch (name) {
                case "email" -> CallFields.text(field, value).ifPresent(v -> out.put("email", v));
                case "firstName", "first_name" -> CallFields.text(field, value).ifPresent(v -> out.put("first_name", v));
                case "lastName", "last_name" -> CallFields.text(field, value).ifPresent(v -> out.put("last_name", v));
                case "city" -> CallFields.text(field, value).ifPresent(v -> out.put("city", v));
                case "country" -> country(field, value, out, attributes, "country_name");
                case "birthday" -> CallFields.text(field, value).ifPresent(v -> out.put("birth_date", datePart(v)));
                case "createdAt", "created_at" -> CallFields.text(field, value).ifPresent(v -> out.put("signed_up_at", v));
                case "address" -> address(field, value, out, attributes);
                default -> flatten(attributes, CANONICAL_CUSTOMER_FIELDS.contains(name) ? "trait." + name : name, value);
            }
        }
        CallFields.text("context.locale", context.get("locale")).ifPresent(v -> out.put("locale", v));
        CallFields.text("context.timezone", context.get("timezone")).ifPresent(v -> out.put("time_zone", v));
        if (!attributes.isEmpty()) {
            out.put("attributes", attributes);
        }
        return out;
    }

    private static void address(String field, Object value, Map<String, Object> out, Map<String, Object> attributes)
            throws InvalidCallException {
        Map<String, Object> address = CallFields.object(field, value).orElse(Map.of());
        for (Map.Entry<String, Object> part : address.entrySet()) {
            String partField = field + "." + part.getKey();
            switch (part.getKey()) {
                // A top-level city or country trait, where both are given, is the more deliberate one.
                case "city" -> CallFields.text(partField, part.getValue()).ifPresent(v -> out.putIfAbsent("city", v));
                case "country" -> country(partField, part.getValue(), out, attributes, "address.country");
                default -> flatten(attributes, "address." + part.getKey(), part.getValue());
            }
        }
    }

    /** ISO 3166 alpha-2 codes go to {@code country}; a country written out in words is kept as an attribute. */
    private static void country(String field, Object value, Map<String, Object> out, Map<String, Object> attributes,
                                String attributeName) throws InvalidCallException {
        Optional<String> text = CallFields.text(field, value);
        if (text.isEmpty()) {
            return;
        }
        String country = text.get().trim();
        if (country.length() == 2 && Character.isLetter(country.charAt(0)) && Character.isLetter(country.charAt(1))) {
            out.putIfAbsent("country", country.toUpperCase(Locale.ROOT));
        } else {
            attributes.put(attributeName, country);
        }
    }

    /** Segment's birthday may be a date or a date-time; Tailor keeps the date. */
    private static String datePart(String birthday) {
        return birthday.length() > 10 && birthday.charAt(10) == 'T' ? birthday.substring(0, 10) : birthday;
    }

    private static Map<String, Object> group(CallFields call, Map<String, Object> out) throws InvalidCallException {
        String groupId = call.id("groupId").orElseThrow(() ->
                new InvalidCallException("groupId", "missing: a group call names the group it joins the person to"));
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> trait : call.object("traits").orElse(Map.of()).entrySet()) {
            flatten(attributes, "group." + trait.getKey(), trait.getValue());
        }
        attributes.put("group.id", groupId);
        out.put("attributes", attributes);
        return out;
    }

    private static Map<String, Object> alias(CallFields call, Optional<String> userId, Map<String, Object> out)
            throws InvalidCallException {
        if (userId.isEmpty()) {
            throw new InvalidCallException("userId", "missing: an alias call needs the userId the person is known by now");
        }
        String previousId = call.id("previousId").orElseThrow(() ->
                new InvalidCallException("previousId", "missing: an alias call needs the previousId the person had before"));
        out.put("previous_id", previousId);
        return out;
    }

    private static Map<String, Object> event(CallType type, CallFields call, Optional<String> messageId,
                                             Request request, Map<String, Object> out) throws InvalidCallException {
        Map<String, Object> properties = new LinkedHashMap<>(call.object("properties").orElse(Map.of()));
        switch (type) {
            case TRACK -> {
                String name = call.text("event").orElseThrow(() ->
                        new InvalidCallException("event", "missing: a track call names the event"));
                String eventType = EventNames.toType(name).orElseThrow(() -> new InvalidCallException("event",
                        "\"" + Texts.excerpt(name) + "\" has no letter or digit to make an event type of"));
                out.put("type", eventType);
                properties.put(EVENT_NAME_PROPERTY, name);
            }
            case PAGE -> {
                out.put("type", "page_viewed");
                call.text("name").ifPresent(v -> properties.putIfAbsent("name", v));
                call.text("category").ifPresent(v -> properties.putIfAbsent("category", v));
            }
            case SCREEN -> {
                out.put("type", "screen_viewed");
                call.text("name").ifPresent(v -> properties.putIfAbsent("name", v));
            }
            default -> throw new IllegalArgumentException(type + " is not an event call");
        }
        Instant occurredAt = EventTimes.occurredAt(call.instant("timestamp"), call.instant("originalTimestamp"),
                call.instant("sentAt").or(request::sentAt), request.receivedAt());
        out.put("occurred_at", occurredAt);
        messageId.ifPresent(id -> out.put("event_id", EventIds.of(request.source(), id)));
        if (!properties.isEmpty()) {
            out.put("properties", properties);
        }
        return out;
    }

    /** Nested objects become dotted names; arrays are kept as JSON text; nulls are left out. */
    private static void flatten(Map<String, Object> into, String name, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> flatten(into, name + "." + key, inner));
        } else if (value instanceof List<?> list) {
            into.put(name, JsonOut.write(list));
        } else {
            into.put(name, value);
        }
    }
}
