package ${package}.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.connector.Connector;
import org.tailor.api.connector.ConnectorStatus;
import org.tailor.api.connector.RecordSink;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.store.ConnectorStateStore;

/**
 * Imports customers from the partner's REST API. Each poll continues from the cursor kept in Tailor's
 * connector state, reads up to {@code max.pages.per.poll} pages, hands every customer on the page to the sink,
 * and only then stores the page's next cursor. A crash in the middle of a page therefore reads that page again
 * on the next poll, which Tailor's ingest absorbs: importing a customer twice changes nothing.
 *
 * <p>One instance per factory configuration, so one bundle can import from several API accounts.
 */
@Component(service = Connector.class, configurationPid = CustomerApiConnector.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CustomerApiConnectorConfig.class, factory = true)
public final class CustomerApiConnector implements Connector {

    static final String FACTORY_PID = "${package}";
    static final String CURSOR_KEY = "customers.cursor";

    private static final Logger LOG = LoggerFactory.getLogger(CustomerApiConnector.class);

    private final String name;
    private final CustomerApiClient client;
    private final int maxPagesPerPoll;
    private final ConnectorStateStore state;
    private final Clock clock;
    private final ImportCounters counters = new ImportCounters();

    @Activate
    public CustomerApiConnector(CustomerApiConnectorConfig config, @Reference ConnectorStateStore state) {
        this(config, state, Clock.systemUTC());
    }

    CustomerApiConnector(CustomerApiConnectorConfig config, ConnectorStateStore state, Clock clock) {
        this.name = config.connector_name().strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("connector.name is blank: give the connector a name");
        }
        if (config.base_url().isBlank()) {
            throw new IllegalArgumentException("base.url of connector " + name + " is not set: set it to the API's base URL");
        }
        if (config.page_size() < 1 || config.page_size() > 1000) {
            throw new IllegalArgumentException("page.size of connector " + name + " is " + config.page_size()
                    + ": use 1 to 1000");
        }
        this.client = new CustomerApiClient(config.base_url(), config._api_token(), config.page_size(),
                Duration.ofMillis(Math.max(1, config.request_timeout_ms())));
        this.maxPagesPerPoll = Math.max(1, config.max_pages_per_poll());
        this.state = state;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void poll(RecordSink sink) throws Exception {
        Optional<String> cursor = state.get(name, CURSOR_KEY);
        boolean more = true;
        try {
            for (int pages = 0; more && pages < maxPagesPerPoll; pages++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped before the page at " + describe(cursor));
                }
                CustomerPage page = client.fetch(cursor);
                importPage(page, cursor, sink);
                // Stored only now that the sink has taken every customer of the page: nothing is skipped.
                if (page.nextCursor().isPresent() && !page.nextCursor().equals(cursor)) {
                    state.put(name, CURSOR_KEY, page.nextCursor().get());
                    cursor = page.nextCursor();
                } else if (page.hasMore()) {
                    throw new IOException("GET " + client.customersUrl() + " at " + describe(cursor)
                            + " said there are more customers but gave no new nextCursor to read them from");
                }
                more = page.hasMore();
            }
        } catch (IOException | RuntimeException e) {
            counters.pageFailed(e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
        counters.pollFinished(!more, clock.instant());
    }

    private void importPage(CustomerPage page, Optional<String> cursor, RecordSink sink) {
        if (page.customers().isEmpty()) {
            // Asking whether there is anything new is not a unit of work: the console would count every poll.
            return;
        }
        String source = name + ":" + client.customersUrl();
        Instant newest = null;
        int item = 0;
        for (JsonNode customer : page.customers()) {
            item++;
            String position = describe(cursor) + ", item " + item;
            if (!customer.isObject()) {
                // Nothing to map: there is no identity to file it under, so it is reported here and in the log.
                counters.rejected();
                counters.error(source + " " + position + ": not a JSON object but " + abbreviate(customer.toString()));
                LOG.warn("Skipped {} {}: not a JSON object but {}", source, position, abbreviate(customer.toString()));
                continue;
            }
            IngestResult result = sink.accept(CustomerMapping.toRecord(customer, source, position));
            if (result.isAccepted()) {
                counters.accepted();
            } else {
                counters.rejected();
                LOG.warn("Rejected customer {} at {} {}: {}", customer.path("id").asText("(no id)"), source, position,
                        result.violations());
            }
            Instant changed = changedAt(customer);
            if (changed != null && (newest == null || changed.isAfter(newest))) {
                newest = changed;
            }
        }
        counters.pageDone(Optional.ofNullable(newest));
    }

    private static Instant changedAt(JsonNode customer) {
        JsonNode updatedAt = customer.path("updatedAt");
        if (!updatedAt.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(updatedAt.textValue());
        } catch (DateTimeParseException e) {
            // Only the lag shown on the console depends on it; the customer itself was imported.
            return null;
        }
    }

    private static String describe(Optional<String> cursor) {
        return cursor.map(c -> "cursor " + c).orElse("the first page");
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    @Override
    public ConnectorStatus status() {
        return counters.status(name, clock.instant());
    }
}
