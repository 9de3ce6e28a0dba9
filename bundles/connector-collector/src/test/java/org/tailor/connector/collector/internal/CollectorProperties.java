package org.tailor.connector.collector.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.RecordKind;

/** Properties of parsing and mapping over generated calls, valid and broken. */
class CollectorProperties {

    static final String KEY = "wk_props";
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(UTF_8));

    /** A generated call, and the identities it was generated with. */
    record Call(Map<String, Object> json, CallType type, Optional<String> userId, Optional<String> anonymousId,
                String messageId) {
    }

    @Provide
    Arbitrary<Call> validCalls() {
        Arbitrary<CallType> types = Arbitraries.of(CallType.class);
        Arbitrary<String> ids = Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(s -> !s.isBlank());
        Arbitrary<Optional<String>> optionalIds = ids.optional(0.7);
        Arbitrary<Map<String, Object>> bags = Arbitraries.maps(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map(s -> "k_" + s), scalars()).ofMaxSize(6);
        Arbitrary<String> eventNames = Arbitraries.strings().ofMaxLength(30)
                .flatMap(s -> Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5).map(letters -> s + letters));
        return Combinators.combine(types, optionalIds, optionalIds, ids, bags, eventNames, ids)
                .as((type, userId, anonymousId, messageId, bag, eventName, previousId) -> {
                    Optional<String> user = userId;
                    if (type == CallType.ALIAS || (user.isEmpty() && anonymousId.isEmpty())) {
                        user = Optional.of("user-" + messageId);
                    }
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("type", type.wireName());
                    json.put("messageId", messageId);
                    user.ifPresent(id -> json.put("userId", id));
                    anonymousId.ifPresent(id -> json.put("anonymousId", id));
                    json.put("timestamp", "2026-11-22T08:00:00.000Z");
                    switch (type) {
                        case IDENTIFY -> json.put("traits", bag);
                        case GROUP -> {
                            json.put("groupId", previousId);
                            json.put("traits", bag);
                        }
                        case ALIAS -> json.put("previousId", previousId);
                        case TRACK -> {
                            json.put("event", eventName);
                            json.put("properties", bag);
                        }
                        case PAGE, SCREEN -> json.put("properties", bag);
                    }
                    return new Call(json, type, user, anonymousId, messageId);
                });
    }

    static Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast));
    }

    @Property(tries = 300)
    void anyValidCallMapsAndKeepsItsIdentities(@ForAll("validCalls") Call call) throws Exception {
        Object parsed = JsonTree.parse(JsonOut.write(call.json()).getBytes(UTF_8)).root();
        CallMapper.Outcome outcome = CallMapper.map(parsed, Optional.empty(), "#0",
                new CallMapper.Request("web", NOW, Optional.empty()));

        assertThat(outcome).isInstanceOf(CallMapper.Mapped.class);
        InboundRecord record = ((CallMapper.Mapped) outcome).record();
        assertThat(record.fields().get("customer_id")).isEqualTo(call.userId().orElse(null));
        assertThat(record.fields().get("anonymous_id")).isEqualTo(call.anonymousId().orElse(null));
        assertThat(record.position()).isEqualTo(call.messageId());
        switch (call.type()) {
            case TRACK, PAGE, SCREEN -> {
                assertThat(record.kind()).isEqualTo(RecordKind.EVENT);
                assertThat((String) record.fields().get("type")).matches("[a-z][a-z0-9_]{0,63}");
                assertThat(record.fields()).containsEntry("event_id", EventIds.of("web", call.messageId()))
                        .containsEntry("occurred_at", Instant.parse("2026-11-22T08:00:00Z"));
            }
            case ALIAS -> assertThat(record.fields()).containsEntry("previous_id", call.json().get("previousId"));
            case IDENTIFY, GROUP -> assertThat(record.kind()).isEqualTo(RecordKind.CUSTOMER);
        }
    }

    /** A way to break a valid call, and the field the error must then name. */
    enum Mutation {
        NO_IDENTITY("userId"), USER_ID_NOT_A_STRING("userId"), ANONYMOUS_ID_NOT_A_STRING("anonymousId"),
        UNKNOWN_TYPE("type"), NO_TYPE("type"), TIMESTAMP_NOT_A_DATE("timestamp"), CONTEXT_NOT_AN_OBJECT("context"),
        MESSAGE_ID_NOT_A_STRING("messageId"), NOT_AN_OBJECT("*");

        final String field;

        Mutation(String field) {
            this.field = field;
        }

        Object apply(Map<String, Object> valid) {
            Map<String, Object> call = new LinkedHashMap<>(valid);
            switch (this) {
                case NO_IDENTITY -> {
                    call.remove("userId");
                    call.remove("anonymousId");
                }
                case USER_ID_NOT_A_STRING -> call.put("userId", List.of("u"));
                case ANONYMOUS_ID_NOT_A_STRING -> {
                    call.put("anonymousId", Map.of("id", 1));
                }
                case UNKNOWN_TYPE -> call.put("type", "purchase");
                case NO_TYPE -> call.remove("type");
                case TIMESTAMP_NOT_A_DATE -> call.put("timestamp", "next tuesday");
                case CONTEXT_NOT_AN_OBJECT -> call.put("context", true);
                case MESSAGE_ID_NOT_A_STRING -> call.put("messageId", Map.of());
                case NOT_AN_OBJECT -> {
                    return List.of(call);
                }
            }
            return call;
        }
    }

    @Property(tries = 300)
    void anyMutationToInvalidYieldsANamedErrorAndKeepsTheValidCall(@ForAll("validCalls") Call valid,
                                                                   @ForAll("validCalls") Call broken,
                                                                   @ForAll Mutation mutation) throws Exception {
        Object mutated = mutation.apply(broken.json());
        // Some mutations only break some calls (an alias ignores its timestamp...), so ask the mapper which field fails.
        CallMapper.Outcome alone = CallMapper.map(mutated, Optional.empty(), "#1",
                new CallMapper.Request("web", NOW, Optional.empty()));
        boolean stillValid = alone instanceof CallMapper.Mapped;
        FakeIngest ingest = new FakeIngest();
        CollectResponse response = collector(ingest).handle(request("/v1/batch",
                JsonOut.write(Map.of("batch", List.of(valid.json(), mutated)))));

        if (stillValid) {
            assertThat(mutation).isIn(Mutation.TIMESTAMP_NOT_A_DATE, Mutation.ANONYMOUS_ID_NOT_A_STRING);
            return;
        }
        assertThat(response.status()).isEqualTo(400);
        Map<?, ?> body = (Map<?, ?>) JsonTree.parse(response.json().getBytes(UTF_8)).root();
        assertThat(body.get("accepted")).isEqualTo(1L);
        List<?> errors = (List<?>) body.get("errors");
        assertThat(errors).hasSize(1);
        Map<?, ?> error = (Map<?, ?>) errors.get(0);
        assertThat(error.get("index")).isEqualTo(1L);
        assertThat(error.get("field")).isEqualTo(mutation.field);
        assertThat((String) error.get("reason")).isNotBlank();
        assertThat(ingest.stored()).hasSize(1);
    }

    @Property(tries = 300)
    void anyBodyGetsAnAnswerNeverAnException(@ForAll byte[] body) {
        CollectResponse response = collector(new FakeIngest()).handle(
                new CollectRequest("/v1/batch", AUTH, null, body.length, "1", new ByteArrayInputStream(body)));
        assertThat(response.status()).isIn(200, 400, 413);
        assertThat(response.json()).startsWith("{\"success\":");
    }

    @Property(tries = 300)
    void anyTruncatedCallIsMalformedJsonWithAPosition(@ForAll("validCalls") Call call, @ForAll double cut) {
        String json = JsonOut.write(call.json());
        String truncated = json.substring(0, 1 + (int) (Math.abs(cut) % 1 * (json.length() - 2)));
        CollectResponse response = collector(new FakeIngest()).handle(request("/v1/" + call.type().wireName(), truncated));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).contains("line 1, column");
    }

    @Property(tries = 500)
    void everyEventNameGivesAValidStableTypeOrNone(@ForAll String name) {
        Optional<String> type = EventNames.toType(name);
        type.ifPresent(t -> {
            assertThat(t).matches("[a-z][a-z0-9_]{0,63}");
            assertThat(EventNames.toType(t)).contains(t);
        });
        assertThat(type.isPresent()).isEqualTo(name.chars().anyMatch(c -> c < 128 && Character.isLetterOrDigit(c))
                || java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD).chars()
                        .anyMatch(c -> c < 128 && Character.isLetterOrDigit(c)));
    }

    static Collector collector(FakeIngest ingest) {
        SourceDirectory sources = new SourceDirectory();
        sources.add(new Source("web", KEY));
        return new Collector(new Collector.Limits(32 * 1024, 500 * 1024), sources, ingest, new FakeConsent(),
                Clock.fixed(NOW, ZoneOffset.UTC), new CollectorCounters());
    }

    static CollectRequest request(String path, String body) {
        byte[] bytes = body.getBytes(UTF_8);
        return new CollectRequest(path, AUTH, null, bytes.length, null, new ByteArrayInputStream(bytes));
    }

}
