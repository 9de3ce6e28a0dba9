package org.tailor.connector.collector.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.tailor.api.connector.Connector;
import org.tailor.api.connector.ConnectorStatus;
import org.tailor.api.connector.RecordSink;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.ingest.IngestService;

/**
 * The collector on the HTTP Whiteboard. A thin adapter: it hands the request's path, headers and
 * body to {@link Collector} and writes its answer. Registered as a {@link Connector} too, so that
 * the console lists it with its counts; calls arrive by HTTP, so a poll has nothing to fetch.
 */
@Component(service = {Servlet.class, Connector.class}, configurationPid = "org.tailor.connector.collector",
        property = {
            "osgi.http.whiteboard.servlet.pattern=" + HttpEventCollector.DEFAULT_PATTERN,
            "osgi.http.whiteboard.servlet.name=tailor-collector",
            // Nothing to poll: an hour keeps the scheduler from waking for nothing.
            Connector.POLL_INTERVAL_PROPERTY + ":Long=3600000"
        })
@Designate(ocd = HttpEventCollectorConfig.class)
public final class HttpEventCollector extends HttpServlet implements Connector {

    static final String DEFAULT_PATTERN = "/tailor/collect/*";
    static final String NAME = "collector";

    private static final long serialVersionUID = 1L;

    private final transient SourceDirectory sources = new SourceDirectory();
    private final transient CollectorCounters counters = new CollectorCounters();
    private final transient Collector collector;
    private final String allowedOrigin;

    @Activate
    public HttpEventCollector(HttpEventCollectorConfig config, @Reference IngestService ingest,
                              @Reference ConsentService consent) {
        this(config, ingest, consent, Clock.systemUTC());
    }

    HttpEventCollector(HttpEventCollectorConfig config, IngestService ingest, ConsentService consent, Clock clock) {
        if (config.max_call_bytes() <= 0 || config.max_batch_bytes() <= 0) {
            throw new IllegalArgumentException("max.call.bytes and max.batch.bytes must be positive");
        }
        this.collector = new Collector(new Collector.Limits(config.max_call_bytes(),
                Math.max(config.max_batch_bytes(), config.max_call_bytes())), sources, ingest, consent, clock, counters);
        this.allowedOrigin = config.allowed_origin().trim();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(CollectorSource source) {
        sources.add(source.source());
    }

    void removeSource(CollectorSource source) {
        sources.remove(source.source());
    }

    /** For tests and benchmarks, which configure sources without a container. */
    void configureSource(String name, String writeKey) {
        sources.add(new Source(name, writeKey));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CollectResponse answer = collector.handle(new CollectRequest(request.getPathInfo(),
                request.getHeader("Authorization"), request.getHeader("Content-Encoding"),
                request.getContentLengthLong(), request.getHeader(GlobalPrivacyControl.HEADER), request.getInputStream()));
        cors(response);
        response.setStatus(answer.status());
        if (answer.retryAfterSeconds() > 0) {
            response.setIntHeader("Retry-After", answer.retryAfterSeconds());
        }
        byte[] json = answer.json().getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /** The browser's preflight for a cross-origin post with headers beyond the simple ones. */
    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
        cors(response);
        response.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", "Content-Type, Authorization, Content-Encoding, Sec-GPC");
        response.setHeader("Access-Control-Max-Age", "86400");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private void cors(HttpServletResponse response) {
        if (!allowedOrigin.isEmpty()) {
            response.setHeader("Access-Control-Allow-Origin", allowedOrigin);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void poll(RecordSink sink) {
        // Calls are pushed over HTTP and ingested as they arrive.
    }

    @Override
    public ConnectorStatus status() {
        String lastError = counters.lastError();
        if (sources.size() == 0) {
            lastError = "no source configured: add etc/" + CollectorSource.PID + "-<name>.cfg with name and write.key";
        }
        return new ConnectorStatus(NAME, true, counters.accepted(), counters.rejected(), counters.requestsDone(),
                counters.requestsFailed(), lastError, counters.lastRequestAt(), Optional.empty());
    }

    CollectorCounters counters() {
        return counters;
    }
}
