package org.tailor.connector.collector.internal;

import java.time.Clock;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import org.osgi.util.converter.Converters;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.ingest.IngestService;

/**
 * Builds the collector servlet outside OSGi for the benchmark, the way the bundle's own tests do
 * (its configuration type and source set-up are private to the bundle, hence this class in its package).
 */
public final class BenchmarkAccess {

    private BenchmarkAccess() {
    }

    public static HttpServlet collector(IngestService ingest, ConsentService consent, String source, String writeKey) {
        HttpEventCollectorConfig config = Converters.standardConverter().convert(Map.of())
                .to(HttpEventCollectorConfig.class);
        HttpEventCollector collector = new HttpEventCollector(config, ingest, consent, Clock.systemUTC());
        collector.configureSource(source, writeKey);
        return collector;
    }

    /** Parses and maps a request body's calls without HTTP or storage; returns how many mapped. */
    public static int parseAndMap(byte[] body, String source) throws Exception {
        JsonTree.Parsed parsed = JsonTree.parse(body);
        Object batch = ((Map<?, ?>) parsed.root()).get("batch");
        CallMapper.Request request = new CallMapper.Request(source, java.time.Instant.now(), java.util.Optional.empty());
        int mapped = 0;
        for (Object call : (java.util.List<?>) batch) {
            if (CallMapper.map(call, java.util.Optional.empty(), "#", request) instanceof CallMapper.Mapped) {
                mapped++;
            }
        }
        return mapped;
    }

    /** The collector's own JSON writer, to store property maps as text. */
    public static String json(Object value) {
        return JsonOut.write(value);
    }
}
