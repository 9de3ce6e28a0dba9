package org.tailor.runtime.internal;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.Transport;
import org.tailor.api.delivery.TransportException;

/** Transports that fail in the ways real ones do. */
final class TestTransports {

    private TestTransports() {
    }

    /**
     * Accepts {@code healthyDeliveries} messages, then hands the next one to the delegate and
     * fails temporarily anyway: the process "crashed" after the write and before the outbox
     * learned about it. Every later call fails temporarily without delivering, until healed.
     */
    static final class CrashingTransport implements Transport {
        private final Transport delegate;
        private final int healthyDeliveries;
        private final AtomicInteger calls = new AtomicInteger();
        volatile boolean healed;

        CrashingTransport(Transport delegate, int healthyDeliveries) {
            this.delegate = delegate;
            this.healthyDeliveries = healthyDeliveries;
        }

        @Override
        public void deliver(OutboxEntry entry) throws TransportException {
            if (healed) {
                delegate.deliver(entry);
                return;
            }
            int call = calls.incrementAndGet();
            if (call <= healthyDeliveries) {
                delegate.deliver(entry);
            } else if (call == healthyDeliveries + 1) {
                delegate.deliver(entry);
                throw new TransportException("connection reset after the message was written", false, null);
            } else {
                throw new TransportException("connection refused", false, null);
            }
        }
    }

    /** Refuses the messages of some profiles for good; delivers the rest. */
    static final class RefusingTransport implements Transport {
        private final Transport delegate;
        private final Set<String> refusedProfiles;

        RefusingTransport(Transport delegate, Set<String> refusedProfiles) {
            this.delegate = delegate;
            this.refusedProfiles = refusedProfiles;
        }

        @Override
        public void deliver(OutboxEntry entry) throws TransportException {
            if (refusedProfiles.contains(entry.profileId())) {
                throw new TransportException("550 mailbox unavailable", true, null);
            }
            delegate.deliver(entry);
        }
    }

    /** A transport that only counts. */
    static final class Named implements Transport {
        final String label;

        Named(String label) {
            this.label = label;
        }

        @Override
        public void deliver(OutboxEntry entry) {
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
