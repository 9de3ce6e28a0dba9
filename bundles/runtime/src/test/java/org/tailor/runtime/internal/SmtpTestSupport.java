package org.tailor.runtime.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.util.converter.Converters;
import org.tailor.api.consent.SuppressionList;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.OutboxStatus;
import org.tailor.api.model.Suppression;
import org.tailor.api.model.SuppressionReason;

/** Shared pieces of the SMTP transport tests. */
final class SmtpTestSupport {

    private SmtpTestSupport() {
    }

    /** The transport's configuration from properties as in a .cfg file; annotation defaults fill the rest. */
    static SmtpTransportConfig config(Map<String, ?> properties) {
        return Converters.standardConverter().convert(properties).to(SmtpTransportConfig.class);
    }

    /** Settings for a test server on 127.0.0.1: plain text, fast retries, the given overrides on top. */
    static SmtpTransportConfig plain(int port, Map<String, ?> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("host", "127.0.0.1");
        properties.put("port", port);
        properties.put("tls.mode", "none");
        properties.put("helo.name", "tailor.test");
        properties.put("read.timeout.ms", 5_000);
        properties.put("connection.timeout.ms", 5_000);
        properties.put("retry.initial.backoff.ms", 100);
        properties.put("retry.max.backoff.ms", 1_000);
        properties.putAll(overrides);
        return config(properties);
    }

    /**
     * A finished message as the outbox stores it, with the shapes a re-encoding would change: a
     * folded header, odd spacing, an RFC 2047 word, lines starting with a dot, and CRLF throughout.
     */
    static byte[] message(String key, String recipient) {
        String text = "From: Tailor News <news@example.com>\r\n"
                + "To: " + recipient + "\r\n"
                + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= for\r\n"
                + "  you, folded\r\n"
                + "X-Odd:    spaced   value\r\n"
                + "Message-ID: <" + key + "@tailor>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n"
                + "Hello,\r\n"
                + ".a line that starts with a dot\r\n"
                + "..and one with two\r\n"
                + ".\r\n"
                + "=C3=9F and the end.\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static OutboxEntry entry(String key, String recipient) {
        return new OutboxEntry(key, "c1", "p-" + key, recipient, message(key, recipient), OutboxStatus.PENDING,
                Instant.parse("2026-01-01T00:00:00Z"), "");
    }

    static List<OutboxEntry> entries(int count) {
        List<OutboxEntry> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(entry("k" + i, "person" + i + "@example.org"));
        }
        return list;
    }

    /** The Message-ID key of a received message, to tell which entry it was. */
    static String keyOf(String receivedText) {
        int start = receivedText.indexOf("Message-ID: <");
        int end = receivedText.indexOf("@tailor>", start);
        return start < 0 || end < 0 ? "" : receivedText.substring(start + "Message-ID: <".length(), end);
    }

    /** A clock that moves only when someone sleeps on it, and remembers every sleep. */
    static final class FakeClock implements Sleeper {
        private final AtomicLong now = new AtomicLong(1_000_000_000L);
        private final List<Long> sleeps = new CopyOnWriteArrayList<>();

        long ticks() {
            return now.get();
        }

        @Override
        public void sleep(long nanos) {
            sleeps.add(nanos);
            now.addAndGet(nanos);
        }

        void advance(long nanos) {
            now.addAndGet(nanos);
        }

        List<Long> sleepsMillis() {
            return sleeps.stream().map(n -> n / 1_000_000).toList();
        }
    }

    /** A suppression list that remembers what was added. */
    static final class RecordingSuppressions implements SuppressionList {
        record Added(String address, SuppressionReason reason, String note, String actor) {
        }

        final List<Added> added = new CopyOnWriteArrayList<>();

        @Override
        public boolean add(String address, SuppressionReason reason, String note, String actor) {
            added.add(new Added(address, reason, note, actor));
            return true;
        }

        @Override
        public Optional<Suppression> find(String address) {
            return Optional.empty();
        }

        @Override
        public List<Suppression> list(Instant before, int limit) {
            return List.of();
        }

        @Override
        public boolean remove(String addressOrHash, String actor, String reason) {
            return false;
        }

        @Override
        public String hashOf(String address) {
            return Integer.toHexString(address.hashCode());
        }
    }
}
