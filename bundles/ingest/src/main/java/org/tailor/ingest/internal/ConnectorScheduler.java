package org.tailor.ingest.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.connector.Connector;
import org.tailor.api.connector.ConnectorRegistry;
import org.tailor.api.connector.ConnectorStatus;
import org.tailor.api.connector.RecordSink;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.IngestService;

/**
 * Picks up every {@link Connector} service (the whiteboard), polls each on its own thread and lets
 * go of it when the service goes away, after its poll in progress has finished.
 */
@Component(service = ConnectorRegistry.class, immediate = true, configurationPid = "org.tailor.ingest.scheduler")
@Designate(ocd = ConnectorSchedulerConfig.class)
public final class ConnectorScheduler implements ConnectorRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorScheduler.class);

    private final RecordSink sink;
    private final long defaultIntervalMs;
    private final long stopTimeoutMs;
    // Keyed by the service object, which SCR hands to bind and unbind alike.
    private final Map<Connector, PolledConnector> polled = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private boolean closed;

    @Activate
    public ConnectorScheduler(ConnectorSchedulerConfig config, @Reference IngestService ingest) {
        this.sink = new RecordSink() {
            @Override
            public IngestResult accept(InboundRecord record) {
                return ingest.ingest(record);
            }

            @Override
            public List<IngestResult> acceptAll(List<InboundRecord> records) {
                return ingest.ingestAll(records);
            }
        };
        this.defaultIntervalMs = config.default_interval_ms() > 0 ? config.default_interval_ms() : 1000;
        this.stopTimeoutMs = Math.max(0, config.stop_timeout_ms());
    }

    // Method injection: connectors come and go while the scheduler runs, which a constructor cannot express.
    @Reference(service = Connector.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindConnector")
    void bindConnector(Connector connector, Map<String, Object> properties) {
        String name = nameOf(connector);
        long interval = interval(name, properties.get(Connector.POLL_INTERVAL_PROPERTY));
        PolledConnector entry = new PolledConnector(connector, name, sink, interval);
        synchronized (lifecycle) {
            if (closed || polled.putIfAbsent(connector, entry) != null) {
                return;
            }
            entry.start();
        }
        LOG.info("Polling connector {} every {} ms", name, interval);
    }

    void unbindConnector(Connector connector) {
        PolledConnector entry = polled.remove(connector);
        if (entry != null) {
            entry.stop(stopTimeoutMs);
            LOG.info("Stopped polling connector {}", entry.name());
        }
    }

    @Deactivate
    void deactivate() {
        List<PolledConnector> stopping;
        synchronized (lifecycle) {
            closed = true;
            stopping = new ArrayList<>(polled.values());
            polled.clear();
        }
        stopping.forEach(entry -> entry.stop(stopTimeoutMs));
    }

    @Override
    public List<ConnectorStatus> connectors() {
        return polled.values().stream()
                .map(PolledConnector::status)
                .sorted(Comparator.comparing(ConnectorStatus::name))
                .toList();
    }

    @Override
    public boolean pollNow(String name) {
        var matching = polled.values().stream().filter(entry -> entry.name().equals(name)).toList();
        matching.forEach(PolledConnector::pollNow);
        return !matching.isEmpty();
    }

    /** The scheduler's view of one connector, for tests and diagnostics; null if it is not polled. */
    PolledConnector polledConnector(Connector connector) {
        return polled.get(connector);
    }

    private long interval(String name, Object property) {
        if (property == null) {
            return defaultIntervalMs;
        }
        try {
            long interval = property instanceof Number n ? n.longValue() : Long.parseLong(property.toString().trim());
            if (interval > 0) {
                return interval;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warn("Connector {} has {}={}, which is not a positive number of milliseconds; using {}",
                name, Connector.POLL_INTERVAL_PROPERTY, property, defaultIntervalMs);
        return defaultIntervalMs;
    }

    private static String nameOf(Connector connector) {
        try {
            return connector.name();
        } catch (RuntimeException e) {
            return connector.getClass().getName();
        }
    }
}
