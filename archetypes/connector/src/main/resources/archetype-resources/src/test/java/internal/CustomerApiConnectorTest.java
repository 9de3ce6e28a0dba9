package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;
import org.tailor.api.connector.ConnectorStatus;

class CustomerApiConnectorTest {

    private static final String NAME = "${connectorName}";
    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");

    private PartnerApi api;
    private final MemoryStateStore state = new MemoryStateStore();
    private final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void startApi() throws IOException {
        api = new PartnerApi();
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    /** The configuration as Declarative Services would build it: the given properties over the defaults. */
    private CustomerApiConnector connector(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>();
        all.put("base.url", api.baseUrl());
        all.put(".api.token", "secret-token");
        all.put("page.size", 2);
        all.putAll(properties);
        CustomerApiConnectorConfig config = Converters.standardConverter().convert(all).to(CustomerApiConnectorConfig.class);
        return new CustomerApiConnector(config, state, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private CustomerApiConnector connector() {
        return connector(Map.of());
    }

    private static String page(String customers, String nextCursor, boolean hasMore) {
        return "{\"customers\": [" + customers + "], \"nextCursor\": \"" + nextCursor + "\", \"hasMore\": " + hasMore + "}";
    }

    private static String customer(String id, String email, String updatedAt) {
        return "{\"id\": \"" + id + "\", \"email\": \"" + email + "\", \"updatedAt\": \"" + updatedAt + "\"}";
    }

    @Test
    void importsEveryPageAndKeepsTheCursorAfterTheLast() throws Exception {
        api.page(PartnerApi.FIRST, page(customer("C1", "c1@example.com", "2024-01-01T00:00:00Z") + ","
                + customer("C2", "c2@example.com", "2024-01-02T00:00:00Z"), "p2", true));
        api.page("p2", page(customer("C3", "c3@example.com", "2024-01-03T00:00:00Z"), "p3", false));
        CustomerApiConnector connector = connector();

        connector.poll(sink);

        assertEquals(List.of("C1", "C2", "C3"), sink.acceptedIds());
        assertEquals(Optional.of("p3"), state.get(NAME, CustomerApiConnector.CURSOR_KEY));
        assertEquals(List.of("limit=2", "limit=2&cursor=p2"), api.requests());
        assertEquals(List.of("Bearer secret-token", "Bearer secret-token"), api.authorizations());
        ConnectorStatus status = connector.status();
        assertEquals(new ConnectorStatus(NAME, true, 3, 0, 2, 0, "", Optional.of(NOW), Optional.of(Duration.ZERO)), status);
    }

    @Test
    void theNextPollContinuesFromTheStoredCursor() throws Exception {
        api.page(PartnerApi.FIRST, page(customer("C1", "c1@example.com", "2024-01-01T00:00:00Z"), "p2", false));
        connector().poll(sink);
        api.page("p2", page(customer("C9", "c9@example.com", "2024-01-09T00:00:00Z"), "p3", false));

        // A new instance, as after a restart: the cursor comes from the state store, not from memory.
        connector().poll(sink);

        assertEquals(List.of("C1", "C9"), sink.acceptedIds());
        assertEquals(List.of("limit=2", "limit=2&cursor=p2"), api.requests());
        assertEquals(Optional.of("p3"), state.get(NAME, CustomerApiConnector.CURSOR_KEY));
    }

    @Test
    void rejectedCustomersAreCountedAndTheImportGoesOn() throws Exception {
        api.page(PartnerApi.FIRST, page(customer("C1", "not-an-address", "2024-01-01T00:00:00Z") + ", 42,"
                + customer("C2", "c2@example.com", "2024-01-02T00:00:00Z"), "p2", false));
        CustomerApiConnector connector = connector();

        connector.poll(sink);

        assertEquals(List.of("C2"), sink.acceptedIds());
        assertEquals(1, sink.rejected.size());
        assertEquals("the first page, item 1", sink.rejected.get(0).position());
        ConnectorStatus status = connector.status();
        assertEquals(1, status.accepted());
        assertEquals(2, status.rejected());
        assertTrue(status.lastError().contains("item 2: not a JSON object but 42"), status.lastError());
        assertEquals(Optional.of("p2"), state.get(NAME, CustomerApiConnector.CURSOR_KEY));
    }

    @Test
    void aFailingApiFailsThePollAndLeavesTheCursorWhereItWas() throws Exception {
        state.put(NAME, CustomerApiConnector.CURSOR_KEY, "p5");
        api.failWith(503);
        CustomerApiConnector connector = connector();

        IOException failure = assertThrows(IOException.class, () -> connector.poll(sink));

        assertTrue(failure.getMessage().contains("cursor=p5") && failure.getMessage().contains("HTTP 503"), failure.getMessage());
        assertEquals(Optional.of("p5"), state.get(NAME, CustomerApiConnector.CURSOR_KEY));
        ConnectorStatus status = connector.status();
        assertEquals(1, status.unitsFailed());
        assertEquals(failure.getMessage(), status.lastError());
        assertFalse(status.idle());
    }

    @Test
    void aPageTheSinkCouldNotFinishIsReadAgainFromItsStart() throws Exception {
        api.page(PartnerApi.FIRST, page(customer("C1", "c1@example.com", "2024-01-01T00:00:00Z") + ","
                + customer("C2", "c2@example.com", "2024-01-02T00:00:00Z"), "p2", false));
        sink.failOn = "C2";
        CustomerApiConnector connector = connector();

        assertThrows(IllegalStateException.class, () -> connector.poll(sink));
        assertEquals(Optional.empty(), state.get(NAME, CustomerApiConnector.CURSOR_KEY));
        sink.failOn = null;
        connector.poll(sink);

        // C1 is handed on twice; Tailor's ingest stores it once.
        assertEquals(List.of("C1", "C1", "C2"), sink.acceptedIds());
        assertEquals(Optional.of("p2"), state.get(NAME, CustomerApiConnector.CURSOR_KEY));
    }

    @Test
    void aLongBacklogIsReadOverSeveralPolls() throws Exception {
        api.page(PartnerApi.FIRST, page(customer("C1", "c1@example.com", "2024-01-01T00:00:00Z"), "p2", true));
        api.page("p2", page(customer("C2", "c2@example.com", "2024-02-01T00:00:00Z"), "p3", true));
        api.page("p3", page(customer("C3", "c3@example.com", "2024-02-15T00:00:00Z"), "p4", false));
        CustomerApiConnector connector = connector(Map.of("max.pages.per.poll", 2));

        connector.poll(sink);
        ConnectorStatus behind = connector.status();
        connector.poll(sink);

        assertFalse(behind.idle());
        assertEquals(Optional.of(Duration.between(Instant.parse("2024-02-01T00:00:00Z"), NOW)), behind.lag());
        assertEquals(List.of("C1", "C2", "C3"), sink.acceptedIds());
        assertTrue(connector.status().idle());
    }

    @Test
    void anApiThatSaysMoreButGivesNoCursorFailsInsteadOfLooping() {
        api.page(PartnerApi.FIRST, "{\"customers\": [], \"hasMore\": true}");
        CustomerApiConnector connector = connector();

        IOException failure = assertThrows(IOException.class, () -> connector.poll(sink));

        assertTrue(failure.getMessage().contains("gave no new nextCursor"), failure.getMessage());
        assertEquals(1, api.requests().size());
    }

    @Test
    void anAnswerThatIsNotACustomerPageFailsThePoll() {
        api.page(PartnerApi.FIRST, "[1, 2]");

        IOException failure = assertThrows(IOException.class, () -> connector().poll(sink));

        assertTrue(failure.getMessage().contains("not a customer page"), failure.getMessage());
    }

    @Test
    void noTokenSendsNoAuthorizationHeader() throws Exception {
        api.page(PartnerApi.FIRST, page("", "p1", false));

        connector(Map.of(".api.token", "")).poll(sink);

        assertEquals(List.of(""), api.authorizations());
    }

    @Test
    void aMissingBaseUrlIsReportedByName() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> connector(Map.of("base.url", " ")));

        assertEquals("base.url of connector " + NAME + " is not set: set it to the API's base URL", failure.getMessage());
    }
}
