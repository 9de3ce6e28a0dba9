package org.tailor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.service.cm.ConfigurationAdmin;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.Identity;
import org.tailor.api.store.ProfileStore;

/**
 * The HTTP collector in the running distribution: a source configured through ConfigurationAdmin,
 * a Segment batch posted to Karaf's web server on 127.0.0.1 with the write key as analytics-java
 * sends it, the valid calls stored and joined into one profile, the invalid one answered with its
 * field, the GPC header honoured, and the console showing it all.
 */
@RunWith(PaxExam.class)
public class CollectorIT extends TailorTestSupport {

    private static final String KEY = "itest-write-key-7f3a";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ConfigurationAdmin configurationAdmin;

    @Inject
    ProfileStore profiles;

    @Inject
    org.tailor.api.store.EventStore events;

    @Inject
    ConsentService consent;

    @Configuration
    public Option[] config() {
        return baseOptions().toArray(new Option[0]);
    }

    @Test
    public void aBatchIsStoredJoinedAndItsBadCallNamed() throws Exception {
        var source = configurationAdmin.getFactoryConfiguration("org.tailor.connector.collector.source", "itest", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("name", "itest");
        properties.put("write.key", KEY);
        source.update(properties);

        String batch = """
                {"batch":[
                  {"type":"track","event":"Product Viewed","anonymousId":"anon-it-1","messageId":"m1",
                   "timestamp":"2026-11-20T10:00:00Z","properties":{"sku":"TENT-2","category":"outdoor"}},
                  {"type":"identify","userId":"IT-42","anonymousId":"anon-it-1","messageId":"m2",
                   "traits":{"email":"it42@example.com","firstName":"Ida"},"timestamp":"2026-11-20T10:01:00Z"},
                  {"type":"track","event":"Order Completed","messageId":"m3","timestamp":"2026-11-20T10:02:00Z"}
                ]}""";
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8181/tailor/collect/v1/batch"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.US_ASCII)))
                .header("Sec-GPC", "1")
                .POST(HttpRequest.BodyPublishers.ofString(batch))
                .build();

        // The source's configuration and the servlet arrive asynchronously: retry until the key is known (bounded).
        HttpResponse<String>[] answer = new HttpResponse[1];
        await("the collector to accept the write key", WAIT, () -> {
            try {
                answer[0] = client.send(request, HttpResponse.BodyHandlers.ofString());
                return answer[0].statusCode() != 401 && answer[0].statusCode() != 404;
            } catch (Exception e) {
                return false;
            }
        });

        assertEquals("one call has neither userId nor anonymousId: " + answer[0].body(), 400, answer[0].statusCode());
        assertTrue(answer[0].body(), answer[0].body().contains("\"index\":2") && answer[0].body().contains("\"accepted\":2"));

        var person = profiles.findByIdentity(new Identity(Identity.CUSTOMER_ID, "IT-42")).orElseThrow();
        assertTrue("the anonymous visitor joined the customer: " + person.identities(),
                person.identities().contains(new Identity(Identity.ANONYMOUS_ID, "anon-it-1")));
        assertEquals("it42@example.com", person.email().orElseThrow());
        assertTrue("Sec-GPC records an opt-out of sale/sharing",
                consent.history(person.id()).stream().anyMatch(r -> r.purpose().equals(ConsentRecord.SALE_SHARING)));

        String shown = executeCommand("tailor:profile-show customer_id:IT-42");
        assertTrue(shown, shown.contains("anonymous_id:anon-it-1") && shown.contains("product_viewed"));
        String connectors = executeCommand("tailor:connector-list");
        assertTrue(connectors, connectors.contains("collector"));

        // Retrying the same request stores nothing twice.
        long eventsBefore = events.count();
        long profilesBefore = profiles.count();
        client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals("the retry stored no event twice", eventsBefore, events.count());
        assertEquals("the retry made no profile", profilesBefore, profiles.count());
        assertEquals(List.of(), profiles.findByIdentity(new Identity(Identity.ANONYMOUS_ID, "anon-it-1"))
                .filter(p -> !p.id().equals(person.id())).stream().toList());
    }
}
