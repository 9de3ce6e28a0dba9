package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;
import org.tailor.api.consent.ConfirmationRequest;
import org.tailor.api.consent.ConsentDecision;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.consent.LinkOutcome;
import org.tailor.api.consent.SubscriptionService;
import org.tailor.api.consent.SuppressionList;
import org.tailor.api.consent.UnsubscribeLinks;
import org.tailor.api.delivery.ConfirmationMailer.Outcome;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.OutboxStatus;
import org.tailor.api.delivery.Transport;
import org.tailor.api.delivery.TransportException;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.Suppression;
import org.tailor.api.model.SuppressionReason;

class OutboxConfirmationMailerTest {

    @TempDir
    Path tmp;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final Ledger ledger = new Ledger(clock);
    private final Suppressions suppressions = new Suppressions();
    private final Fakes.Profiles profiles = new Fakes.Profiles();
    private final Fakes.Outbox outbox = new Fakes.Outbox();
    private FileTransport files;
    private OutboxConfirmationMailer mailer;

    @BeforeEach
    void setUp() {
        files = new FileTransport(Converters.standardConverter().convert(Map.of("directory", tmp.resolve("outbox").toString()))
                .to(FileTransportConfig.class));
        profiles.add(List.of(Fakes.profile("p1", "ann@example.com", Map.of("first_name", "Ann")),
                Fakes.profile("p2", null, Map.of()), Fakes.profile("p3", "bad address@@", Map.of())));
        mailer = mailer(Map.of("from.address", "Shop <hello@shop.example.com>", "retry.seconds", 0L));
        mailer.addTransport(files, Map.of(Transport.NAME_PROPERTY, "file"));
    }

    private OutboxConfirmationMailer mailer(Map<String, Object> config) {
        return new OutboxConfirmationMailer(Converters.standardConverter().convert(config).to(ConfirmationMailerConfig.class),
                ledger, ledger, suppressions, profiles, outbox, clock);
    }

    @Test
    void recordsPendingAndMailsTheSignedLinkWithoutUnsubscribeHeaders() throws Exception {
        assertThat(mailer.requestConfirmation("p1", "email_marketing", "signup-form", "web")).isEqualTo(Outcome.SENT);

        assertThat(ledger.history("p1")).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ConsentStatus.PENDING);
            assertThat(r.source()).isEqualTo("signup-form");
        });
        MimeMessage message = onlyMessage();
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("ann@example.com");
        assertThat(message.getFrom()[0].toString()).isEqualTo("Shop <hello@shop.example.com>");
        assertThat(message.getSubject()).isEqualTo("Please confirm your subscription");
        assertThat(message.getHeader("List-Unsubscribe")).isNull();
        Multipart parts = (Multipart) message.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        String link = ledger.links.get(0).toString();
        assertThat(text).contains("email marketing messages", link, "until 30 November 2026, 10:00 UTC");
        assertThat(html).contains("<a href=\"" + link.replace("&", "&amp;") + "\">");
        assertThat(outbox.counts(OutboxConfirmationMailer.CAMPAIGN_ID)).containsEntry(OutboxStatus.SENT, 1L);
    }

    @Test
    void aSecondRequestWithinTheIntervalSendsNothingAndOneAfterItSendsAgain() throws Exception {
        assertThat(mailer.requestConfirmation("p1", "email_marketing", "signup-form", "web")).isEqualTo(Outcome.SENT);
        clock.advance(Duration.ofMinutes(9));
        assertThat(mailer.requestConfirmation("p1", "email_marketing", "signup-form", "web")).isEqualTo(Outcome.RECENTLY_SENT);
        assertThat(mailer.requestConfirmation("p1", "analytics", "signup-form", "web")).isEqualTo(Outcome.SENT);
        clock.advance(Duration.ofMinutes(2));
        assertThat(mailer.requestConfirmation("p1", "email_marketing", "signup-form", "web")).isEqualTo(Outcome.SENT);

        assertThat(messages()).hasSize(3);
        assertThat(ledger.history("p1")).hasSize(3);
        ledger.granted.add("p1/email_marketing");
        assertThat(mailer.requestConfirmation("p1", "email_marketing", "signup-form", "web"))
                .as("once confirmed, the answer says so even within the interval").isEqualTo(Outcome.ALREADY_CONFIRMED);
    }

    @Test
    void aConfirmedPersonASuppressedAddressAndAProfileWithoutAddressGetNothing() throws Exception {
        ledger.granted.add("p1/email_marketing");
        assertThat(mailer.requestConfirmation("p1", "email_marketing", "signup-form", "web")).isEqualTo(Outcome.ALREADY_CONFIRMED);
        suppressions.addresses.add("ann@example.com");
        assertThat(mailer.requestConfirmation("p1", "analytics", "signup-form", "web")).isEqualTo(Outcome.SUPPRESSED);
        assertThat(mailer.requestConfirmation("p2", "email_marketing", "signup-form", "web")).isEqualTo(Outcome.NO_ADDRESS);
        assertThatThrownBy(() -> mailer.requestConfirmation("nobody", "email_marketing", "signup-form", "web"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nobody");

        assertThat(messages()).isEmpty();
        assertThat(ledger.history("p1")).isEmpty();
    }

    @Test
    void anUnavailableTransportKeepsTheConfirmationQueuedUntilARetryDeliversIt() throws Exception {
        FlakyTransport flaky = new FlakyTransport(files);
        OutboxConfirmationMailer retrying = mailer(Map.of("retry.seconds", 1L));
        try {
            retrying.addTransport(flaky, Map.of(Transport.NAME_PROPERTY, "file"));
            flaky.down = true;
            assertThat(retrying.requestConfirmation("p1", "email_marketing", "signup-form", "web")).isEqualTo(Outcome.QUEUED);
            assertThat(messages()).isEmpty();
            assertThat(outbox.counts(OutboxConfirmationMailer.CAMPAIGN_ID)).containsEntry(OutboxStatus.PENDING, 1L);

            flaky.down = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (outbox.counts(OutboxConfirmationMailer.CAMPAIGN_ID).containsKey(OutboxStatus.PENDING)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(outbox.counts(OutboxConfirmationMailer.CAMPAIGN_ID)).containsOnlyKeys(OutboxStatus.SENT);
            assertThat(messages()).hasSize(1);
        } finally {
            retrying.deactivate();
        }
    }

    @Test
    void anInvalidAddressIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> mailer.requestConfirmation("p3", "email_marketing", "signup-form", "web"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid RFC 5322 address").hasMessageNotContaining("bad address");
    }

    @Test
    void noTransportIsAClearErrorBeforeAnythingIsRecorded() {
        OutboxConfirmationMailer without = mailer(Map.of("transport", "smtp", "retry.seconds", 0L));
        assertThatThrownBy(() -> without.requestConfirmation("p1", "email_marketing", "signup-form", "web"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no transport named 'smtp'");
        assertThat(ledger.history("p1")).isEmpty();
    }

    @Test
    void configuredTextsAreUsedWithTypedLineBreaks() throws Exception {
        OutboxConfirmationMailer custom = mailer(Map.of("subject", "Confirm {purpose}", "retry.seconds", 0L,
                "text", "Hello <there>,\\n\\nclick {confirm_url}\\n\\nThanks & bye"));
        custom.addTransport(files, Map.of(Transport.NAME_PROPERTY, "file"));
        custom.requestConfirmation("p1", "email_marketing", "signup-form", "web");

        MimeMessage message = onlyMessage();
        assertThat(message.getSubject()).isEqualTo("Confirm email marketing");
        Multipart parts = (Multipart) message.getContent();
        assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n")).startsWith("Hello <there>,\n\nclick https://");
        assertThat((String) parts.getBodyPart(1).getContent())
                .contains("<p>Hello &lt;there&gt;,</p>", "<p>Thanks &amp; bye</p>");
    }

    private MimeMessage onlyMessage() throws Exception {
        List<Path> written = messages();
        assertThat(written).hasSize(1);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(Files.readAllBytes(written.get(0))));
    }

    private List<Path> messages() throws Exception {
        Path folder = tmp.resolve("outbox").resolve(OutboxConfirmationMailer.CAMPAIGN_ID);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(p -> p.toString().endsWith(".eml")).toList();
        }
    }

    /** Consent ledger and subscription links as the consent bundle behaves for double opt-in. */
    static final class Ledger implements ConsentService, SubscriptionService {
        final List<ConsentRecord> records = new CopyOnWriteArrayList<>();
        final List<URI> links = new CopyOnWriteArrayList<>();
        final java.util.Set<String> granted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final Clock clock;

        Ledger(Clock clock) {
            this.clock = clock;
        }

        @Override
        public ConsentDecision check(String profileId, String purpose) {
            return granted.contains(profileId + "/" + purpose) ? ConsentDecision.allow("granted") : ConsentDecision.deny("no");
        }

        @Override
        public void record(ConsentRecord record) {
            records.add(record);
        }

        @Override
        public List<ConsentRecord> history(String profileId) {
            return records.stream().filter(r -> r.profileId().equals(profileId)).toList();
        }

        @Override
        public ConfirmationRequest requestConfirmation(String profileId, String purpose, String source, String channel) {
            if (granted.contains(profileId + "/" + purpose)) {
                return new ConfirmationRequest(true, Optional.empty(), Optional.empty());
            }
            Instant now = clock.instant();
            record(new ConsentRecord(profileId, purpose, ConsentStatus.PENDING, now, source));
            URI link = URI.create("https://shop.example.com/tailor/consent/confirm?token=t" + (links.size() + 1) + "&x=1");
            links.add(link);
            return new ConfirmationRequest(false, Optional.of(link), Optional.of(now.plus(Duration.ofDays(7))));
        }

        @Override
        public LinkOutcome confirm(String token, String channel) {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public UnsubscribeLinks unsubscribeLinks(String profileId, String purpose, String campaignId) {
            throw new UnsupportedOperationException("confirmations carry no unsubscribe links");
        }

        @Override
        public LinkOutcome unsubscribe(String token, String channel) {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public Optional<Map<String, ConsentStatus>> preferences(String token) {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public LinkOutcome changePreferences(String token, Map<String, Boolean> wanted, String channel) {
            throw new UnsupportedOperationException("not part of these tests");
        }
    }

    static final class Suppressions implements SuppressionList {
        final java.util.Set<String> addresses = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public boolean add(String address, SuppressionReason reason, String note, String actor) {
            return addresses.add(address);
        }

        @Override
        public Optional<Suppression> find(String address) {
            return addresses.contains(address)
                    ? Optional.of(new Suppression(hashOf(address), SuppressionReason.MANUAL, "", Instant.EPOCH))
                    : Optional.empty();
        }

        @Override
        public List<Suppression> list(Instant before, int limit) {
            return List.of();
        }

        @Override
        public boolean remove(String addressOrHash, String actor, String reason) {
            return addresses.remove(addressOrHash);
        }

        @Override
        public String hashOf(String address) {
            return Integer.toHexString(address.hashCode());
        }
    }

    static final class FlakyTransport implements Transport {
        private final Transport delegate;
        volatile boolean down;

        FlakyTransport(Transport delegate) {
            this.delegate = delegate;
        }

        @Override
        public void deliver(OutboxEntry entry) throws TransportException {
            if (down) {
                throw new TransportException("connection refused", false, null);
            }
            delegate.deliver(entry);
        }
    }
}
