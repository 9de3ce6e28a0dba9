package org.tailor.connector.collector.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.tailor.api.ingest.RecordKind;
import org.tailor.api.ingest.Violation;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;

class CollectorTest {

    static final String KEY = "wk_test_0123456789abcdef";
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    final FakeIngest ingest = new FakeIngest();
    final FakeConsent consent = new FakeConsent();
    final CollectorCounters counters = new CollectorCounters();
    final SourceDirectory sources = new SourceDirectory();
    final Collector collector = new Collector(new Collector.Limits(1024, 4096), sources, ingest, consent,
            Clock.fixed(NOW, ZoneOffset.UTC), counters);

    CollectorTest() {
        sources.add(new Source("web", KEY));
        sources.add(new Source("app", "wk_other"));
    }

    static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(UTF_8));
    }

    CollectResponse post(String path, String auth, String body) {
        byte[] bytes = body.getBytes(UTF_8);
        return collector.handle(new CollectRequest(path, auth, null, bytes.length, null, new ByteArrayInputStream(bytes)));
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void aValidCallIsIngestedAndAnsweredSuccess() {
        CollectResponse response = post("/v1/track", basic(KEY), "{\"userId\":\"u1\",\"event\":\"Signed Up\",\"messageId\":\"m1\"}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo("{\"success\":true}");
        assertThat(ingest.stored()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RecordKind.EVENT);
            assertThat(r.source()).isEqualTo("collector:web");
            assertThat(r.fields()).containsEntry("type", "signed_up");
        });
        assertThat(counters.accepted()).isEqualTo(1);
    }

    @Test
    void theWriteKeyMayComeInTheBodyAsAnalyticsJsSendsIt() {
        CollectResponse single = post("/v1/p", null, "{\"writeKey\":\"" + KEY + "\",\"anonymousId\":\"a1\",\"name\":\"Home\"}");
        assertThat(single.status()).isEqualTo(200);
        CollectResponse batch = post("/v1/b", null, "{\"writeKey\":\"" + KEY + "\",\"sentAt\":\"2026-11-23T10:00:00Z\",\"batch\":["
                + "{\"type\":\"track\",\"event\":\"A\",\"anonymousId\":\"a1\",\"writeKey\":\"" + KEY + "\"}]}");
        assertThat(batch.status()).isEqualTo(200);
        assertThat(ingest.stored()).hasSize(2);
    }

    @Test
    void aMissingOrUnknownKeyIsAnswered401AndNothingIsIngested() {
        assertThat(post("/v1/track", null, "{\"userId\":\"u\",\"event\":\"x\"}").status()).isEqualTo(401);
        CollectResponse wrong = post("/v1/track", basic("wk_guess"), "{\"userId\":\"u\",\"event\":\"x\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json()).doesNotContain("wk_guess");
        assertThat(post("/v1/track", "Bearer x", "{}").status()).isEqualTo(401);
        assertThat(post("/v1/track", null, "{\"writeKey\":\"nope\",\"userId\":\"u\",\"event\":\"x\"}").status()).isEqualTo(401);
        assertThat(ingest.received()).isEmpty();
        assertThat(counters.lastError()).doesNotContain("wk_guess").doesNotContain("nope");
    }

    @Test
    void malformedJsonIsAnswered400NamingThePosition() {
        CollectResponse response = post("/v1/identify", basic(KEY), "{\"userId\":\"u\",\n \"traits\": {\"a\": }}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).contains("malformed JSON").contains("line 2, column 18");
        assertThat(post("/v1/identify", basic(KEY), "").json()).contains("the body is empty");
        assertThat(post("/v1/identify", basic(KEY), "[]").json()).contains("must be a JSON object");
        assertThat(post("/v1/identify", basic(KEY), "{} {}").json()).contains("after the JSON value");
    }

    @Test
    void deepNestingIsMalformedJsonNotAStackOverflow() {
        String deep = "{\"userId\":\"u\",\"event\":\"x\",\"properties\":" + "[".repeat(400) + "]".repeat(400) + "}";
        CollectResponse response = post("/v1/track", basic(KEY), deep);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).contains("malformed JSON").contains("nesting depth");
    }

    @Test
    void aBatchKeepsItsValidCallsAndListsEveryInvalidOne() {
        ingest.rule = r -> "bad@".equals(r.fields().get("email"))
                ? List.of(new Violation("email", "\"bad@\" is not an email address")) : List.of();
        CollectResponse response = post("/v1/batch", basic(KEY), """
                {"batch":[
                  {"type":"identify","userId":"u1","messageId":"m0","traits":{"email":"ok@example.com"}},
                  {"type":"track","event":"Clicked","messageId":"m1"},
                  {"type":"track","event":"Clicked","userId":"u1","messageId":"m2"},
                  {"type":"refund","userId":"u1","messageId":"m3"},
                  {"type":"identify","userId":"u2","messageId":"m4","traits":{"email":"bad@"}},
                  {"type":"page","userId":"u1","properties":[1]},
                  "text"
                ]}
                """);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo("{\"success\":false,\"errors\":["
                + "{\"index\":1,\"messageId\":\"m1\",\"field\":\"userId\",\"reason\":\"userId or anonymousId is required; the call has neither\"},"
                + "{\"index\":3,\"messageId\":\"m3\",\"field\":\"type\",\"reason\":\"\\\"refund\\\" is not a call type Tailor accepts; use identify, track, page, screen, alias or group\"},"
                + "{\"index\":4,\"messageId\":\"m4\",\"field\":\"email\",\"reason\":\"\\\"bad@\\\" is not an email address\"},"
                + "{\"index\":5,\"field\":\"properties\",\"reason\":\"must be a JSON object, not an array\"},"
                + "{\"index\":6,\"field\":\"*\",\"reason\":\"a call must be a JSON object, not a string\"}],"
                + "\"accepted\":2}");
        assertThat(ingest.stored()).extracting(r -> r.position()).containsExactly("m0", "m2");
        assertThat(counters.accepted()).isEqualTo(2);
        assertThat(counters.rejected()).isEqualTo(5);
    }

    @Test
    void aRetriedRequestStoresItsEventsOnce() {
        String body = "{\"batch\":[{\"type\":\"track\",\"event\":\"A\",\"userId\":\"u\",\"messageId\":\"m-1\"},"
                + "{\"type\":\"page\",\"userId\":\"u\",\"messageId\":\"m-2\"}]}";
        assertThat(post("/v1/import/", basic(KEY), body).status()).isEqualTo(200);
        assertThat(post("/v1/import/", basic(KEY), body).status()).isEqualTo(200);
        assertThat(ingest.received()).hasSize(4);
        assertThat(ingest.stored()).hasSize(2);
    }

    @Test
    void aStoreFailureIsAnswered503SoTheClientRetries() {
        ingest.rule = FakeIngest.failingStore();
        CollectResponse response = post("/v1/track", basic(KEY), "{\"userId\":\"u\",\"event\":\"x\"}");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.retryAfterSeconds()).isPositive();
        assertThat(counters.requestsFailed()).isEqualTo(1);
    }

    @Test
    void bodiesOverTheLimitsAreAnswered413() {
        String big = "{\"userId\":\"u\",\"event\":\"x\",\"properties\":{\"p\":\"" + "x".repeat(2000) + "\"}}";
        CollectResponse single = post("/v1/track", basic(KEY), big);
        assertThat(single.status()).isEqualTo(413);
        assertThat(single.json()).contains("at most 1024 bytes");
        String inBatch = "{\"batch\":[" + big.replace("{\"userId\"", "{\"type\":\"track\",\"messageId\":\"big\",\"userId\"")
                + ",{\"type\":\"track\",\"event\":\"y\",\"userId\":\"u\"}]}";
        CollectResponse batch = post("/v1/batch", basic(KEY), inBatch);
        assertThat(batch.status()).isEqualTo(400);
        assertThat(batch.json()).contains("\"index\":0,\"messageId\":\"big\",\"field\":\"*\"")
                .contains("a single call may have at most 1024 bytes").contains("\"accepted\":1");
        String huge = "{\"batch\":[" + ("{\"type\":\"track\",\"event\":\"y\",\"userId\":\"u\"},".repeat(200)) + "{}]}";
        assertThat(post("/v1/batch", basic(KEY), huge).status()).isEqualTo(413);
    }

    @Test
    void gzipBodiesAreInflatedAndZipBombsStopAtTheLimit() throws IOException {
        byte[] body = gzip("{\"userId\":\"u\",\"event\":\"Zipped\"}".getBytes(UTF_8));
        CollectResponse ok = collector.handle(new CollectRequest("/v1/track", basic(KEY), "gzip", body.length, null,
                new ByteArrayInputStream(body)));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ingest.stored()).singleElement().satisfies(r -> assertThat(r.fields()).containsEntry("type", "zipped"));

        byte[] bomb = gzip(new byte[3_000_000]);
        assertThat(bomb.length).isLessThan(4096);
        CollectResponse refused = collector.handle(new CollectRequest("/v1/batch", basic(KEY), "gzip", bomb.length, null,
                new ByteArrayInputStream(bomb)));
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json()).contains("after gunzip");

        CollectResponse corrupt = collector.handle(new CollectRequest("/v1/track", basic(KEY), "gzip", 5, null,
                new ByteArrayInputStream("hello".getBytes(UTF_8))));
        assertThat(corrupt.status()).isEqualTo(400);
        assertThat(corrupt.json()).contains("not valid gzip data");
        CollectResponse brotli = collector.handle(new CollectRequest("/v1/track", basic(KEY), "br", 5, null,
                new ByteArrayInputStream("hello".getBytes(UTF_8))));
        assertThat(brotli.status()).isEqualTo(415);
    }

    @Test
    void aBatchCallCarryingAnotherSourcesKeyIsRejected() {
        CollectResponse response = post("/v1/b", null, "{\"writeKey\":\"" + KEY + "\",\"batch\":["
                + "{\"type\":\"track\",\"event\":\"A\",\"userId\":\"u\",\"writeKey\":\"wk_other\"},"
                + "{\"type\":\"track\",\"event\":\"B\",\"userId\":\"u\"}]}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).contains("\"index\":0").contains("\"field\":\"writeKey\"").contains("\"accepted\":1");
    }

    @Test
    void unknownPathsAre404() {
        assertThat(post("/v2/track", basic(KEY), "{}").status()).isEqualTo(404);
    }

    @Test
    void globalPrivacyControlWithdrawsSaleAndSharingOncePerProfile() {
        String body = "{\"batch\":[{\"type\":\"page\",\"anonymousId\":\"a1\"},{\"type\":\"page\",\"anonymousId\":\"a1\"},"
                + "{\"type\":\"identify\",\"userId\":\"u2\"}]}";
        for (int i = 0; i < 2; i++) {
            byte[] bytes = body.getBytes(UTF_8);
            CollectResponse response = collector.handle(new CollectRequest("/v1/batch", basic(KEY), null, bytes.length, "1",
                    new ByteArrayInputStream(bytes)));
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(consent.all()).containsExactly(
                new ConsentRecord("P1", ConsentRecord.SALE_SHARING, ConsentStatus.WITHDRAWN, NOW, "collector:web:Sec-GPC"),
                new ConsentRecord("P2", ConsentRecord.SALE_SHARING, ConsentStatus.WITHDRAWN, NOW, "collector:web:Sec-GPC"));
        // A later grant is not overridden silently: the next signal withdraws it again.
        consent.record(new ConsentRecord("P1", ConsentRecord.SALE_SHARING, ConsentStatus.GRANTED, NOW.plusSeconds(1), "form"));
        byte[] bytes = "{\"type\":\"page\",\"anonymousId\":\"a1\"}".getBytes(UTF_8);
        collector.handle(new CollectRequest("/v1/page", basic(KEY), null, bytes.length, "1", new ByteArrayInputStream(bytes)));
        assertThat(consent.history("P1")).hasSize(3);
        assertThat(GlobalPrivacyControl.signalled("0")).isFalse();
        assertThat(GlobalPrivacyControl.signalled(null)).isFalse();
    }

    @Test
    void withoutTheSignalNoConsentIsRecorded() {
        assertThat(post("/v1/page", basic(KEY), "{\"anonymousId\":\"a1\"}").status()).isEqualTo(200);
        assertThat(consent.all()).isEmpty();
        assertThat(Map.of("accepted", counters.accepted(), "done", counters.requestsDone()))
                .isEqualTo(Map.of("accepted", 1L, "done", 1L));
    }
}
