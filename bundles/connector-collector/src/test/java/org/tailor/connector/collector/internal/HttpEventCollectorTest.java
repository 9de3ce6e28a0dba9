package org.tailor.connector.collector.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.TrackMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;
import org.tailor.api.connector.ConnectorStatus;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.RecordKind;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;

/**
 * The servlet in a real (Jetty 9.4, javax.servlet, as in Pax Web 8) container on loopback, driven
 * by Segment's own Java client and by raw requests shaped like analytics.js's.
 */
class HttpEventCollectorTest {

    static final String KEY = "wk_http_5f2d9a0c71b34e6e";

    final FakeIngest ingest = new FakeIngest();
    final FakeConsent consent = new FakeConsent();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Server server;
    HttpEventCollector collector;
    String base;

    static HttpEventCollectorConfig config(Map<String, Object> properties) {
        return Converters.standardConverter().convert(properties).to(HttpEventCollectorConfig.class);
    }

    @BeforeEach
    void start() throws Exception {
        Map<String, Object> properties = new HashMap<>();
        properties.put("max.call.bytes", 2048);
        properties.put("max.batch.bytes", 64 * 1024);
        collector = new HttpEventCollector(config(properties), ingest, consent, Clock.systemUTC());
        collector.configureSource("web", KEY);
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(collector), HttpEventCollector.DEFAULT_PATTERN);
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/tailor/collect";
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    HttpResponse<String> post(String path, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(UTF_8));
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void segmentsJavaClientDeliversIdentifyTrackAndAlias() throws Exception {
        List<Message> succeeded = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failed = Collections.synchronizedList(new ArrayList<>());
        Analytics analytics = Analytics.builder(KEY).endpoint(base).callback(new Callback() {
            @Override
            public void success(Message message) {
                succeeded.add(message);
            }

            @Override
            public void failure(Message message, Throwable throwable) {
                failed.add(throwable);
            }
        }).build();
        try {
            analytics.enqueue(IdentifyMessage.builder().userId("u-1").anonymousId("anon-1")
                    .traits(Map.of("email", "anna@example.com", "firstName", "Anna", "plan", "pro")));
            analytics.enqueue(TrackMessage.builder("Order Completed").userId("u-1")
                    .properties(Map.of("total", 42.5, "currency", "EUR")));
            analytics.enqueue(AliasMessage.builder("anon-7").userId("u-1"));
            analytics.flush();
            await(() -> succeeded.size() + failed.size() >= 3, "the client's callbacks");
        } finally {
            analytics.shutdown();
        }
        assertThat(failed).isEmpty();
        List<InboundRecord> stored = ingest.stored();
        assertThat(stored).extracting(InboundRecord::kind)
                .containsExactly(RecordKind.CUSTOMER, RecordKind.EVENT, RecordKind.ALIAS);
        assertThat(stored.get(0).fields()).containsEntry("customer_id", "u-1").containsEntry("anonymous_id", "anon-1")
                .containsEntry("email", "anna@example.com").containsEntry("first_name", "Anna")
                .containsEntry("attributes", Map.of("plan", "pro"));
        assertThat(stored.get(1).fields()).containsEntry("type", "order_completed").containsKey("event_id");
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) stored.get(1).fields().get("properties");
        assertThat(properties).containsEntry("event_name", "Order Completed").containsEntry("currency", "EUR");
        assertThat(stored.get(2).fields()).containsEntry("customer_id", "u-1").containsEntry("previous_id", "anon-7");
        ConnectorStatus status = collector.status();
        assertThat(status.name()).isEqualTo("collector");
        assertThat(status.accepted()).isEqualTo(3);
        assertThat(status.unitsDone()).isPositive();
    }

    @Test
    void analyticsJsShapedRequestsWithTheKeyInATextPlainBody() throws Exception {
        String track = "{\"type\":\"track\",\"event\":\"Button Clicked\",\"anonymousId\":\"b-1\",\"messageId\":\"ajs-1\","
                + "\"timestamp\":\"2026-11-23T09:00:00.000Z\",\"sentAt\":\"2026-11-23T09:00:00.100Z\",\"writeKey\":\"" + KEY + "\"}";
        HttpResponse<String> single = post("/v1/t", Map.of("Content-Type", "text/plain"), track.getBytes(UTF_8));
        assertThat(single.statusCode()).isEqualTo(200);
        assertThat(single.body()).isEqualTo("{\"success\":true}");
        assertThat(single.headers().firstValue("Access-Control-Allow-Origin")).contains("*");

        String batch = "{\"writeKey\":\"" + KEY + "\",\"sentAt\":\"2026-11-23T09:00:01Z\",\"batch\":["
                + "{\"type\":\"page\",\"anonymousId\":\"b-1\",\"messageId\":\"ajs-2\",\"writeKey\":\"" + KEY + "\"},"
                + "{\"type\":\"identify\",\"userId\":\"u-5\",\"anonymousId\":\"b-1\",\"messageId\":\"ajs-3\",\"writeKey\":\"" + KEY + "\"}]}";
        assertThat(post("/v1/b", Map.of("Content-Type", "text/plain"), batch.getBytes(UTF_8)).statusCode()).isEqualTo(200);
        assertThat(ingest.stored()).extracting(r -> r.fields().get("anonymous_id")).containsOnly("b-1");
        assertThat(ingest.stored()).hasSize(3);

        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/t"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(v -> assertThat(v).contains("POST"));
    }

    @Test
    void gzippedBodiesAreAccepted() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write("{\"batch\":[{\"type\":\"track\",\"event\":\"Zipped\",\"userId\":\"u\"}]}".getBytes(UTF_8));
        }
        HttpResponse<String> response = post("/v1/batch", Map.of("Authorization", basic(KEY), "Content-Encoding", "gzip",
                "Content-Type", "application/json"), out.toByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ingest.stored()).singleElement().satisfies(r -> assertThat(r.fields()).containsEntry("type", "zipped"));
    }

    @Test
    void oversizeBodiesAreAnswered413WithAJsonError() throws Exception {
        String big = "{\"userId\":\"u\",\"event\":\"x\",\"properties\":{\"p\":\"" + "x".repeat(4000) + "\"}}";
        HttpResponse<String> response = post("/v1/track", Map.of("Authorization", basic(KEY)), big.getBytes(UTF_8));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.body()).contains("at most 2048 bytes");
        assertThat(ingest.received()).isEmpty();
    }

    @Test
    void aBadKeyIsAnswered401() throws Exception {
        HttpResponse<String> response = post("/v1/track", Map.of("Authorization", basic("wk_wrong")),
                "{\"userId\":\"u\",\"event\":\"x\"}".getBytes(UTF_8));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("wk_wrong");
        assertThat(ingest.received()).isEmpty();
    }

    @Test
    void malformedJsonIsAnswered400() throws Exception {
        HttpResponse<String> response = post("/v1/identify", Map.of("Authorization", basic(KEY)),
                "{\"userId\": \"u\",".getBytes(UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("malformed JSON").contains("line 1, column");
    }

    @Test
    void theGpcHeaderWithdrawsSaleAndSharingForTheProfile() throws Exception {
        byte[] body = "{\"type\":\"page\",\"anonymousId\":\"gpc-1\"}".getBytes(UTF_8);
        for (int i = 0; i < 3; i++) {
            assertThat(post("/v1/page", Map.of("Authorization", basic(KEY), "Sec-GPC", "1"), body).statusCode()).isEqualTo(200);
        }
        assertThat(consent.all()).singleElement().satisfies(r -> {
            assertThat(r.purpose()).isEqualTo(ConsentRecord.SALE_SHARING);
            assertThat(r.status()).isEqualTo(ConsentStatus.WITHDRAWN);
            assertThat(r.source()).isEqualTo("collector:web:Sec-GPC");
        });
    }

    @Test
    void aStoreFailureIsAnswered503WithRetryAfter() throws Exception {
        ingest.rule = FakeIngest.failingStore();
        HttpResponse<String> response = post("/v1/track", Map.of("Authorization", basic(KEY)),
                "{\"userId\":\"u\",\"event\":\"x\"}".getBytes(UTF_8));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
    }

    @Test
    void otherMethodsAreNotAllowed() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/track")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
    }
}
