package org.tailor.connector.collector.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.RecordKind;

class CallMapperTest {

    static final Instant RECEIVED = Instant.parse("2026-11-23T10:00:00Z");
    static final CallMapper.Request REQUEST = new CallMapper.Request("web", RECEIVED, Optional.empty());

    static CallMapper.Outcome map(String json, CallType pathType) throws Exception {
        Object call = JsonTree.parse(json.getBytes(StandardCharsets.UTF_8)).root();
        return CallMapper.map(call, Optional.ofNullable(pathType), "#0", REQUEST);
    }

    static InboundRecord mapped(String json, CallType pathType) throws Exception {
        CallMapper.Outcome outcome = map(json, pathType);
        assertThat(outcome).isInstanceOf(CallMapper.Mapped.class);
        return ((CallMapper.Mapped) outcome).record();
    }

    static CallMapper.Invalid invalid(String json, CallType pathType) throws Exception {
        CallMapper.Outcome outcome = map(json, pathType);
        assertThat(outcome).isInstanceOf(CallMapper.Invalid.class);
        return (CallMapper.Invalid) outcome;
    }

    @Test
    void identifyMapsKnownTraitsToCanonicalFieldsAndTheRestToAttributes() throws Exception {
        InboundRecord record = mapped("""
                {"userId":"u-1","anonymousId":"a-1","messageId":"m-1",
                 "traits":{"email":"anna@example.com","firstName":"Anna","lastName":"Berg",
                   "address":{"city":"Berlin","country":"de","street":"Hauptstr. 1"},
                   "birthday":"1990-05-12T00:00:00.000Z","createdAt":"2025-01-02T03:04:05Z",
                   "plan":"pro","logins":7,"tags":["a","b"],"company":{"name":"ACME"},"locale":"xx"},
                 "context":{"locale":"de-DE","timezone":"Europe/Berlin"}}
                """, CallType.IDENTIFY);
        assertThat(record.kind()).isEqualTo(RecordKind.CUSTOMER);
        assertThat(record.source()).isEqualTo("collector:web");
        assertThat(record.position()).isEqualTo("m-1");
        assertThat(record.fields()).contains(entry("customer_id", "u-1"), entry("anonymous_id", "a-1"),
                entry("email", "anna@example.com"), entry("first_name", "Anna"), entry("last_name", "Berg"),
                entry("city", "Berlin"), entry("country", "DE"), entry("birth_date", "1990-05-12"),
                entry("signed_up_at", "2025-01-02T03:04:05Z"), entry("locale", "de-DE"),
                entry("time_zone", "Europe/Berlin"));
        assertThat(record.fields().get("attributes")).isEqualTo(Map.of("address.street", "Hauptstr. 1", "plan", "pro",
                "logins", 7L, "tags", "[\"a\",\"b\"]", "company.name", "ACME", "trait.locale", "xx"));
    }

    @Test
    void aCountryWrittenOutIsKeptAsAnAttributeNotRejected() throws Exception {
        InboundRecord record = mapped("{\"userId\":\"u\",\"traits\":{\"country\":\"Germany\"}}", CallType.IDENTIFY);
        assertThat(record.fields()).doesNotContainKey("country");
        assertThat(record.fields().get("attributes")).isEqualTo(Map.of("country_name", "Germany"));
    }

    @Test
    void trackBecomesAnEventWithASnakeCaseTypeTheOriginalNameAndAStableId() throws Exception {
        String json = """
                {"type":"track","event":"Order Completed","userId":42,"messageId":"m-7",
                 "timestamp":"2026-11-22T09:30:00+01:00","properties":{"total":19.99,"currency":"EUR","cart":{"items":2}}}
                """;
        InboundRecord record = mapped(json, null);
        assertThat(record.kind()).isEqualTo(RecordKind.EVENT);
        assertThat(record.fields()).contains(entry("customer_id", "42"), entry("type", "order_completed"),
                entry("occurred_at", Instant.parse("2026-11-22T08:30:00Z")), entry("event_id", EventIds.of("web", "m-7")));
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) record.fields().get("properties");
        assertThat(properties).containsEntry("event_name", "Order Completed").containsEntry("currency", "EUR")
                .containsEntry("cart", Map.of("items", 2L));
        assertThat(properties.get("total").toString()).isEqualTo("19.99");
        assertThat(mapped(json, null).fields().get("event_id")).isEqualTo(record.fields().get("event_id"));
        assertThat(EventIds.of("app", "m-7")).isNotEqualTo(EventIds.of("web", "m-7"));
    }

    @Test
    void pageAndScreenAreViewedEventsCarryingTheirName() throws Exception {
        InboundRecord page = mapped("{\"anonymousId\":\"a\",\"name\":\"Pricing\",\"category\":\"Docs\","
                + "\"properties\":{\"url\":\"https://x.example/pricing\"}}", CallType.PAGE);
        assertThat(page.fields()).containsEntry("type", "page_viewed").containsEntry("anonymous_id", "a");
        assertThat(page.fields().get("properties")).isEqualTo(Map.of("url", "https://x.example/pricing",
                "name", "Pricing", "category", "Docs"));
        InboundRecord screen = mapped("{\"type\":\"screen\",\"userId\":\"u\",\"name\":\"Home\"}", null);
        assertThat(screen.fields()).containsEntry("type", "screen_viewed");
        assertThat(screen.fields().get("properties")).isEqualTo(Map.of("name", "Home"));
    }

    @Test
    void aliasLinksThePreviousIdToTheUserId() throws Exception {
        InboundRecord record = mapped("{\"type\":\"alias\",\"userId\":\"u-9\",\"previousId\":\"anon-3\"}", null);
        assertThat(record.kind()).isEqualTo(RecordKind.ALIAS);
        assertThat(record.fields()).containsExactly(entry("customer_id", "u-9"), entry("previous_id", "anon-3"));
    }

    @Test
    void groupBecomesPrefixedCustomerAttributes() throws Exception {
        InboundRecord record = mapped("{\"type\":\"group\",\"userId\":\"u\",\"groupId\":\"g-1\","
                + "\"traits\":{\"name\":\"ACME\",\"employees\":50,\"id\":\"ignored\"}}", null);
        assertThat(record.kind()).isEqualTo(RecordKind.CUSTOMER);
        assertThat(record.fields().get("attributes")).isEqualTo(Map.of("group.id", "g-1", "group.name", "ACME",
                "group.employees", 50L));
    }

    @Test
    void withoutTimestampTheDeviceTimeIsCorrectedByTheClockSkew() throws Exception {
        // The device clock is 1 hour behind: it sent at 09:00:05 what the server received at 10:00:05.
        CallMapper.Request request = new CallMapper.Request("web", Instant.parse("2026-11-23T10:00:05Z"),
                Optional.of(Instant.parse("2026-11-23T09:00:05Z")));
        Object call = JsonTree.parse(("{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\","
                + "\"originalTimestamp\":\"2026-11-23T09:00:00Z\"}").getBytes(StandardCharsets.UTF_8)).root();
        InboundRecord record = ((CallMapper.Mapped) CallMapper.map(call, Optional.empty(), "#0", request)).record();
        assertThat(record.fields()).containsEntry("occurred_at", Instant.parse("2026-11-23T10:00:00Z"));
        InboundRecord received = mapped("{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\"}", null);
        assertThat(received.fields()).containsEntry("occurred_at", RECEIVED);
    }

    @Test
    void invalidCallsNameTheFieldAndTheReason() throws Exception {
        assertThat(invalid("{\"type\":\"track\",\"event\":\"x\",\"messageId\":\"m\"}", null))
                .isEqualTo(new CallMapper.Invalid(Optional.of("m"), "userId",
                        "userId or anonymousId is required; the call has neither"));
        assertThat(invalid("{\"type\":\"track\",\"event\":\"x\",\"userId\":{\"a\":1}}", null).reason())
                .isEqualTo("must be a string, not an object");
        assertThat(invalid("{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"properties\":\"p\"}", null).field())
                .isEqualTo("properties");
        assertThat(invalid("{\"type\":\"purchase\",\"userId\":\"u\"}", null).reason())
                .startsWith("\"purchase\" is not a call type");
        assertThat(invalid("{\"userId\":\"u\"}", null).field()).isEqualTo("type");
        assertThat(invalid("{\"type\":\"track\",\"userId\":\"u\"}", null).field()).isEqualTo("event");
        assertThat(invalid("{\"type\":\"track\",\"event\":\"!!!\",\"userId\":\"u\"}", null).field()).isEqualTo("event");
        assertThat(invalid("{\"type\":\"alias\",\"userId\":\"u\"}", null).field()).isEqualTo("previousId");
        assertThat(invalid("{\"type\":\"alias\",\"anonymousId\":\"a\",\"previousId\":\"p\"}", null).field()).isEqualTo("userId");
        assertThat(invalid("{\"type\":\"group\",\"userId\":\"u\"}", null).field()).isEqualTo("groupId");
        assertThat(invalid("{\"userId\":\"u\",\"traits\":{\"email\":5}}", CallType.IDENTIFY).field()).isEqualTo("traits.email");
        assertThat(invalid("{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"timestamp\":\"yesterday\"}", null).field())
                .isEqualTo("timestamp");
        assertThat(invalid("[1]", null).field()).isEqualTo("*");
    }

    @Test
    void eventNamesBecomeLowerSnakeCase() {
        assertThat(EventNames.toType("Order Completed")).contains("order_completed");
        assertThat(EventNames.toType("orderCompleted")).contains("order_completed");
        assertThat(EventNames.toType("HTTPRequest sent")).contains("http_request_sent");
        assertThat(EventNames.toType("  Produkt über-sicht!! ")).contains("produkt_uber_sicht");
        assertThat(EventNames.toType("404 page")).contains("event_404_page");
        assertThat(EventNames.toType("a".repeat(100))).contains("a".repeat(64));
        assertThat(EventNames.toType("日本語")).isEmpty();
    }

    @Test
    void routesCoverEveryPathRealClientsUse() {
        assertThat(Route.of("/v1/track")).contains(new Route(Optional.of(CallType.TRACK)));
        assertThat(Route.of("/v1/t")).contains(new Route(Optional.of(CallType.TRACK)));
        assertThat(Route.of("/v1/i")).contains(new Route(Optional.of(CallType.IDENTIFY)));
        assertThat(Route.of("/v1/s")).contains(new Route(Optional.of(CallType.SCREEN)));
        assertThat(Route.of("/v1/import/")).contains(Route.BATCH);
        assertThat(Route.of("/v1/b")).contains(Route.BATCH);
        assertThat(Route.of("/batch")).contains(Route.BATCH);
        assertThat(Route.of("/v1/purchase")).isEmpty();
        assertThat(Route.of("/v1/track/extra")).isEmpty();
        assertThat(Route.of(null)).isEmpty();
    }

    @Test
    void basicAuthGivesTheWriteKeyFromTheUserName() {
        assertThat(BasicAuth.username("Basic " + java.util.Base64.getEncoder().encodeToString("key1:".getBytes())))
                .contains("key1");
        assertThat(BasicAuth.username("basic " + java.util.Base64.getEncoder().encodeToString("key2".getBytes())))
                .contains("key2");
        assertThat(BasicAuth.username("Bearer abc")).isEmpty();
        assertThat(BasicAuth.username("Basic %%%")).isEmpty();
    }
}
