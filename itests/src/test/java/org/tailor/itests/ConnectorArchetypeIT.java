package org.tailor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.tailor.api.connector.ConnectorRegistry;
import org.tailor.api.connector.ConnectorStatus;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.store.ProfileStore;

/**
 * The partner path end to end: the bundle generated from the connector archetype (and built by the archetype's
 * own integration test) is dropped into deploy/, configured through ConfigurationAdmin, imports customers from
 * a stand-in partner API on 127.0.0.1, and is removed again without taking any accepted customer with it.
 */
@RunWith(PaxExam.class)
public class ConnectorArchetypeIT extends TailorTestSupport {

    /** The generated project's package, which is its bundle's symbolic name and its factory PID. */
    private static final String GENERATED = "com.example.acme.customers";
    private static final String CONNECTOR = "acme-itest";
    private static final List<String> CUSTOMERS = List.of("ARCH-1", "ARCH-2", "ARCH-3");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ConnectorRegistry connectors;

    @Inject
    ProfileStore profiles;

    @Inject
    ConfigurationAdmin configurationAdmin;

    @Inject
    ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() {
        List<Option> options = baseOptions();
        // The test runs inside Karaf's JVM: hand it the path the build gave this JVM.
        options.add(systemProperty("tailor.archetype.bundle").value(System.getProperty("tailor.archetype.bundle")));
        return options.toArray(new Option[0]);
    }

    @Test
    public void theGeneratedConnectorImportsAndCanBeRemovedWithoutLosingAnything() throws Exception {
        Path bundle = Path.of(System.getProperty("tailor.archetype.bundle"));
        assertTrue("the archetype's integration test should have built " + bundle, Files.isRegularFile(bundle));
        HttpServer api = partnerApi();
        org.osgi.service.cm.Configuration configuration = null;
        Path deployed = karafBase().resolve("deploy").resolve(bundle.getFileName());
        try {
            configuration = configurationAdmin.getFactoryConfiguration(GENERATED, "itest", "?");
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("connector.name", CONNECTOR);
            properties.put("base.url", "http://127.0.0.1:" + api.getAddress().getPort() + "/v1");
            properties.put(".api.token", "itest-token");
            properties.put("page.size", 2);
            properties.put("tailor.connector.interval", 200L);
            configuration.update(properties);

            Path staged = Files.createTempFile(karafBase(), "connector", ".jar.tmp");
            Files.copy(bundle, staged, StandardCopyOption.REPLACE_EXISTING);
            // Moved in whole, so that the deployer never reads half a jar.
            Files.move(staged, deployed, StandardCopyOption.ATOMIC_MOVE);

            awaitOrExplain("the generated connector to be registered", () -> status().isPresent());
            awaitOrExplain("the generated connector to import every customer",
                    () -> status().filter(s -> s.idle() && s.accepted() >= CUSTOMERS.size()).isPresent());
            Map<String, String> imported = profileIds();
            assertEquals("profiles by customer id", CUSTOMERS, new ArrayList<>(imported.keySet()));
            Profile anna = profiles.findByIdentity(new Identity("customer_id", "ARCH-1")).orElseThrow();
            assertEquals("Anna", anna.attributes().get("first_name"));
            ConnectorStatus status = status().orElseThrow();
            assertEquals("rejected, with the last error " + status.lastError(), 0, status.rejected());
            String listing = executeCommand("tailor:connector-list");
            assertTrue(listing, listing.contains(CONNECTOR));

            Files.delete(deployed);
            await("the removed connector to be let go", WAIT, () -> status().isEmpty());
            await("the removed bundle to be uninstalled", WAIT, () -> generatedBundle().isEmpty());
            assertEquals("profiles after the connector was removed", imported, profileIds());
        } finally {
            Files.deleteIfExists(deployed);
            if (configuration != null) {
                configuration.delete();
            }
            api.stop(0);
        }
    }

    /** A stand-in for the partner's API: two pages of customers, then nothing new. */
    private static HttpServer partnerApi() throws IOException {
        String first = "{\"customers\": ["
                + "{\"id\": \"ARCH-1\", \"email\": \"arch1@example.com\", \"firstName\": \"Anna\","
                + " \"address\": {\"city\": \"Berlin\", \"countryCode\": \"DE\"}, \"createdAt\": \"2024-01-05T10:00:00Z\"},"
                + "{\"id\": \"ARCH-2\", \"email\": \"arch2@example.com\", \"firstName\": \"Ben\", \"custom\": {\"tier\": \"gold\"}}"
                + "], \"nextCursor\": \"page-2\", \"hasMore\": true}";
        String second = "{\"customers\": [{\"id\": \"ARCH-3\", \"email\": \"arch3@example.com\"}],"
                + " \"nextCursor\": \"page-3\", \"hasMore\": false}";
        String caughtUp = "{\"customers\": [], \"nextCursor\": \"page-3\", \"hasMore\": false}";
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/customers", exchange -> {
            String query = String.valueOf(exchange.getRequestURI().getRawQuery());
            if (!"Bearer itest-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, "{\"error\": \"unauthorized\"}");
                return;
            }
            String body;
            if (query.contains("cursor=page-3")) {
                body = caughtUp;
            } else if (query.contains("cursor=page-2")) {
                body = second;
            } else {
                body = first;
            }
            answer(exchange, 200, body);
        });
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Optional<ConnectorStatus> status() {
        return connectors.connectors().stream().filter(s -> s.name().equals(CONNECTOR)).findFirst();
    }

    /** Profile id by customer id, for every customer the API serves that is stored. */
    private Map<String, String> profileIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String customer : CUSTOMERS) {
            profiles.findByIdentity(new Identity("customer_id", customer)).ifPresent(p -> ids.put(customer, p.id()));
        }
        return ids;
    }

    private Optional<Bundle> generatedBundle() {
        for (Bundle bundle : bundleContext.getBundles()) {
            if (GENERATED.equals(bundle.getSymbolicName())) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    /** Waits like {@link #await}, but says where the generated bundle and its component got stuck. */
    private void awaitOrExplain(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        try {
            await(what, WAIT, condition);
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; " + diagnosis(), timedOut);
        }
    }

    private String diagnosis() {
        Optional<Bundle> bundle = generatedBundle();
        if (bundle.isEmpty()) {
            return "bundle " + GENERATED + " is not installed";
        }
        StringBuilder text = new StringBuilder("bundle " + GENERATED + " is in state " + bundle.get().getState());
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle.get())) {
            for (ComponentConfigurationDTO component : scr.getComponentConfigurationDTOs(description)) {
                text.append(", component state ").append(component.state);
                for (var reference : component.unsatisfiedReferences) {
                    text.append(", no ").append(reference.name).append(" service");
                }
                if (component.failure != null) {
                    text.append(", failed: ").append(component.failure);
                }
            }
        }
        status().ifPresent(s -> text.append(", status ").append(s));
        return text.toString();
    }
}
