package org.tailor.itests.deployable;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.tailor.api.connector.Connector;
import org.tailor.api.connector.ConnectorStatus;
import org.tailor.api.connector.RecordSink;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.RecordKind;

/**
 * A partner-style connector that the hot-deploy test packs into its own bundle at run time:
 * it hands two customers to Tailor on its first poll and is idle after that.
 */
public class ItestConnector implements Connector {

    public static final String NAME = "itest-connector";

    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void poll(RecordSink sink) {
        if (done.get()) {
            return;
        }
        for (int n = 1; n <= 2; n++) {
            InboundRecord record = new InboundRecord("itest", "record " + n, RecordKind.CUSTOMER,
                    Map.of("customer_id", "HOT-" + n, "email", "hot-deploy-" + n + "@example.com", "first_name", "Hot"));
            if (sink.accept(record).isAccepted()) {
                accepted.incrementAndGet();
            } else {
                rejected.incrementAndGet();
            }
        }
        done.set(true);
    }

    @Override
    public ConnectorStatus status() {
        return new ConnectorStatus(NAME, done.get(), accepted.get(), rejected.get(), done.get() ? 1 : 0, 0, "");
    }
}
