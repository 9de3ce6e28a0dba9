package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.OutboxStatus;
import org.tailor.api.delivery.SendReport;
import org.tailor.api.delivery.Transport;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.model.RenderedMessage;

class OutboxCampaignServiceTest {

    private static final String CAMPAIGN = """
            {"id":"spring-outdoor","name":"Spring outdoor","segment":"outdoor-fans","template":"outdoor",
             "purpose":"email_marketing","from":"Tailor Outdoor – Küche <news@example.com>"%s}
            """;

    @TempDir
    Path tmp;

    private final Fakes.Segments segments = new Fakes.Segments();
    private final Fakes.Renderer renderer = new Fakes.Renderer(p -> p.attributes().containsKey("broken"));
    private final Fakes.Consent consent = new Fakes.Consent();
    private final Fakes.Subscriptions subscriptions = new Fakes.Subscriptions();
    private final Fakes.Profiles profiles = new Fakes.Profiles();
    private final Fakes.Outbox outbox = new Fakes.Outbox();
    private Path outboxDir;
    private FileTransport files;
    private OutboxCampaignService service;

    private final Profile ann = Fakes.profile("p1", "ann@example.com", Map.of("first_name", "Ännchen"));
    private final Profile zoe = Fakes.profile("p2", "zoe@example.com", Map.of("first_name", "Zoë"));
    private final Profile noEmail = Fakes.profile("p3", null, Map.of("first_name", "Nora"));
    private final Profile noConsent = Fakes.profile("p4", "nils@example.com", Map.of());
    private final Profile broken = Fakes.profile("p5", "bea@example.com", Map.of("broken", "yes"));
    private final Profile badAddress = Fakes.profile("p6", "not an address@@", Map.of());

    @BeforeEach
    void setUp() throws IOException {
        writeCampaign("");
        outboxDir = tmp.resolve("outbox");
        files = new FileTransport(Converters.standardConverter().convert(Map.of("directory", outboxDir.toString()))
                .to(FileTransportConfig.class));
        List<Profile> members = List.of(ann, zoe, noEmail, noConsent, broken, badAddress);
        segments.members.put("outdoor-fans", members);
        profiles.add(members);
        for (Profile p : List.of(ann, zoe, noEmail, broken, badAddress)) {
            consent.granted.add(p.id() + "/email_marketing");
        }
    }

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.deactivate();
        }
    }

    private void writeCampaign(String extraFields) throws IOException {
        Files.createDirectories(tmp.resolve("campaigns"));
        Files.writeString(tmp.resolve("campaigns/spring-outdoor.json"), CAMPAIGN.formatted(extraFields));
    }

    private OutboxCampaignService start(Map<String, Object> overrides, Transport transport) {
        Map<String, Object> config = new HashMap<>();
        config.put("campaigns.directory", tmp.resolve("campaigns").toString());
        config.put("scan.interval.ms", 0L);
        config.put("relay.batch.size", 2);
        config.putAll(overrides);
        service = new OutboxCampaignService(
                Converters.standardConverter().convert(config).to(OutboxCampaignServiceConfig.class),
                segments, renderer, consent, subscriptions, profiles, outbox);
        if (transport != null) {
            service.addTransport(transport, Map.of(Transport.NAME_PROPERTY, "file", "service.id", 1L));
        }
        return service;
    }

    private List<Path> emlFiles() throws IOException {
        Path folder = outboxDir.resolve("spring-outdoor");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.sorted().toList();
        }
    }

    @Test
    void sendCountsEveryMemberInExactlyOneBucket() throws IOException {
        SendReport report = start(Map.of(), files).send("spring-outdoor");

        assertThat(report.audience()).isEqualTo(6);
        assertThat(report.noAddress()).isEqualTo(2);
        assertThat(report.noConsent()).isEqualTo(1);
        assertThat(report.renderFailed()).isEqualTo(1);
        assertThat(report.enqueued()).isEqualTo(2);
        assertThat(report.alreadyQueued()).isZero();
        assertThat(report.delivered()).isEqualTo(2);
        assertThat(report.deliveryFailed()).isZero();
        assertThat(report.problems()).hasSize(4)
                .anyMatch(l -> l.startsWith("profile p3: no email address"))
                .anyMatch(l -> l.startsWith("profile p4: no consent for email_marketing"))
                .anyMatch(l -> l.startsWith("profile p5: render failed: templates/outdoor/subject.vm:1:8"))
                .anyMatch(l -> l.startsWith("profile p6: email address is not a valid"))
                .noneMatch(l -> l.contains("@"));
        assertThat(emlFiles()).hasSize(2).allMatch(f -> f.getFileName().toString().endsWith(".eml"));
        assertThat(outbox.counts("spring-outdoor")).isEqualTo(Map.of(OutboxStatus.SENT, 2L));
    }

    @Test
    void sendingTwiceEnqueuesNothingNewAndWritesNoDuplicate() throws IOException {
        start(Map.of(), files).send("spring-outdoor");
        Map<Path, byte[]> first = new HashMap<>();
        for (Path f : emlFiles()) {
            first.put(f, Files.readAllBytes(f));
        }

        SendReport again = service.send("spring-outdoor");

        assertThat(again.enqueued()).isZero();
        assertThat(again.alreadyQueued()).isEqualTo(2);
        assertThat(again.delivered()).isZero();
        assertThat(again.audience()).isEqualTo(6);
        assertThat(emlFiles()).containsExactlyInAnyOrderElementsOf(first.keySet());
        for (Path f : emlFiles()) {
            assertThat(Files.readAllBytes(f)).isEqualTo(first.get(f));
        }
        assertThat(outbox.all()).hasSize(2);
    }

    @Test
    void aNewVersionIsANewMessage() throws IOException {
        start(Map.of(), files).send("spring-outdoor");
        writeCampaign(",\"version\":2");
        stopAndStartAgain();

        SendReport v2 = service.send("spring-outdoor");

        assertThat(v2.enqueued()).isEqualTo(2);
        assertThat(emlFiles()).hasSize(4);
    }

    private void stopAndStartAgain() {
        service.deactivate();
        start(Map.of(), files);
    }

    @Test
    void tooManyRenderFailuresPauseTheSendAndRelayNothing() throws IOException {
        List<Profile> many = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Every fourth recipient breaks the template: 25 % fail, past the 10 % allowed below.
            Map<String, Object> attributes = i % 4 == 3 ? Map.of("broken", "yes") : Map.of("first_name", "N" + i);
            Profile p = Fakes.profile("r" + i, "r" + i + "@example.com", attributes);
            many.add(p);
            consent.granted.add(p.id() + "/email_marketing");
        }
        segments.members.put("outdoor-fans", many);

        SendReport paused = start(Map.of("render.failures.pause.percent", 10.0, "render.failures.pause.minimum", 3L), files)
                .send("spring-outdoor");

        assertThat(paused.renderFailed()).isEqualTo(3);
        assertThat(paused.enqueued()).isEqualTo(9);
        assertThat(paused.notReached()).isEqualTo(28);
        assertThat(paused.audience()).isEqualTo(paused.renderFailed() + paused.enqueued() + paused.notReached());
        assertThat(paused.pausedBecause()).startsWith("3 of 12 renders failed (25.0%), more than render.failures.pause.percent");
        assertThat(paused.delivered()).isZero();
        assertThat(emlFiles()).isEmpty();

        SendReport tolerant = start(Map.of("render.failures.pause.percent", 30.0), files).send("spring-outdoor");
        assertThat(tolerant.paused()).isFalse();
        assertThat(tolerant.renderFailed()).isEqualTo(10);
        assertThat(tolerant.delivered()).isEqualTo(30);
    }

    @Test
    void quietHoursHoldMessagesUntilTheyEndAndTheFrequencyCapSkipsPeopleAtIt() throws IOException {
        // p1 had two marketing messages from other campaigns this week; the cap is two.
        for (String other : List.of("autumn", "winter")) {
            outbox.enqueue(new OutboxEntry("old-" + other, other, "p1", "ann@example.com", new byte[] {1}, OutboxStatus.SENT,
                    java.time.Instant.now().minus(java.time.Duration.ofDays(2)), ""));
        }
        // Quiet all day, in every zone: everything is held.
        SendReport held = start(Map.of("quiet.hours", "00:00-23:59", "frequency.cap.messages", 2), files)
                .send("spring-outdoor");

        assertThat(held.frequencyCapped()).isEqualTo(1);
        assertThat(held.problems()).anySatisfy(p -> assertThat(p).startsWith("profile p1: at the frequency cap of 2"));
        assertThat(held.enqueued()).as("only Zoë is left: the others have no address, no consent or a broken render").isEqualTo(1);
        assertThat(held.deferred()).isEqualTo(1);
        assertThat(held.delivered()).isZero();
        assertThat(emlFiles()).isEmpty();
        assertThat(outbox.all()).filteredOn(e -> e.campaignId().equals("spring-outdoor"))
                .allSatisfy(e -> assertThat(e.notBefore()).isAfter(e.createdAt()));
        assertThat(service.relayDue()).as("nothing is due yet").isZero();
    }

    @Test
    void dueMessagesOfKnownCampaignsAreRelayedBetweenSends() throws IOException {
        start(Map.of(), files);
        java.time.Instant past = java.time.Instant.now().minusSeconds(60);
        outbox.enqueue(new OutboxEntry("due-1", "spring-outdoor", "p1", "ann@example.com",
                "Subject: x\r\n\r\nx\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), OutboxStatus.PENDING, past, "", past));
        outbox.enqueue(new OutboxEntry("other-1", "not-ours", "p1", "ann@example.com", new byte[] {1}, OutboxStatus.PENDING,
                past, "", past));

        assertThat(service.relayDue()).isEqualTo(1);
        assertThat(outbox.counts("spring-outdoor")).containsExactly(Map.entry(OutboxStatus.SENT, 1L));
        assertThat(outbox.counts("not-ours")).as("other senders relay their own").containsExactly(Map.entry(OutboxStatus.PENDING, 1L));
        assertThat(emlFiles()).hasSize(1);
    }

    @Test
    void aCrashMidRelayIsFinishedByTheNextSendExactlyOnce() throws IOException {
        List<Profile> many = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Profile p = Fakes.profile("m" + i, "m" + i + "@example.com", Map.of("first_name", "Mö" + i));
            many.add(p);
            consent.granted.add(p.id() + "/email_marketing");
        }
        segments.members.put("outdoor-fans", many);
        TestTransports.CrashingTransport crashing = new TestTransports.CrashingTransport(files, 3);

        SendReport first = start(Map.of(), crashing).send("spring-outdoor");

        assertThat(first.enqueued()).isEqualTo(7);
        assertThat(first.delivered()).isEqualTo(3);
        assertThat(first.problems()).anyMatch(l -> l.startsWith("transport unavailable"));
        assertThat(outbox.counts("spring-outdoor")).isEqualTo(Map.of(OutboxStatus.SENT, 3L, OutboxStatus.PENDING, 4L));
        assertThat(emlFiles()).hasSize(4); // the fourth was written before the "crash"

        crashing.healed = true;
        SendReport second = service.send("spring-outdoor");

        assertThat(second.enqueued()).isZero();
        assertThat(second.alreadyQueued()).isEqualTo(7);
        assertThat(second.delivered()).isEqualTo(4);
        assertThat(outbox.counts("spring-outdoor")).isEqualTo(Map.of(OutboxStatus.SENT, 7L));
        List<Path> written = emlFiles();
        assertThat(written).hasSize(7);
        for (OutboxEntry entry : outbox.all()) {
            assertThat(Files.readAllBytes(outboxDir.resolve("spring-outdoor/" + entry.idempotencyKey() + ".eml")))
                    .isEqualTo(entry.mime());
        }
    }

    @Test
    void aPermanentRefusalMarksTheEntryFailedAndIsNotRetried() throws IOException {
        start(Map.of(), new TestTransports.RefusingTransport(files, Set.of("p2")));

        SendReport report = service.send("spring-outdoor");

        assertThat(report.delivered()).isEqualTo(1);
        assertThat(report.deliveryFailed()).isEqualTo(1);
        assertThat(report.problems()).anyMatch(l -> l.equals("profile p2: refused by the transport: 550 mailbox unavailable"));
        assertThat(outbox.all()).filteredOn(e -> e.profileId().equals("p2"))
                .singleElement().satisfies(e -> {
                    assertThat(e.status()).isEqualTo(OutboxStatus.FAILED);
                    assertThat(e.detail()).isEqualTo("550 mailbox unavailable");
                });

        SendReport again = service.send("spring-outdoor");
        assertThat(again.deliveryFailed()).isZero();
        assertThat(again.delivered()).isZero();
        assertThat(emlFiles()).hasSize(1);
    }

    @Test
    void aConsentServiceThatThrowsMeansNoConsent() {
        consent.throwing = true;

        SendReport report = start(Map.of(), files).send("spring-outdoor");

        assertThat(report.noAddress()).isEqualTo(1); // checked before consent
        assertThat(report.noConsent()).isZero();
        assertThat(report.notReached()).as("unknown is not a no: the send paused").isEqualTo(5);
        assertThat(report.pausedBecause()).startsWith("consent for email_marketing could not be read");
        assertThat(report.enqueued()).isZero();
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).startsWith("campaign paused: consent for email_marketing"
                + " could not be read (consent could not be confirmed: java.lang.IllegalStateException: database is down)"));
        assertThat(renderer.renderedFor).isEmpty();
        assertThat(outbox.all()).isEmpty();
    }

    @Test
    void aConsentStoreThatGoesDownPausesTheCampaignAndSendsNothingUntilItIsBack() throws Exception {
        consent.availableChecks = 1;

        SendReport paused = start(Map.of(), files).send("spring-outdoor");

        assertThat(paused.enqueued()).isEqualTo(1);
        assertThat(paused.delivered()).isZero();
        assertThat(emlFiles()).isEmpty();
        assertThat(paused.problems()).anySatisfy(p -> assertThat(p).contains("campaign paused")
                .contains("the consent store did not answer"));

        consent.availableChecks = Integer.MAX_VALUE;
        SendReport resumed = service.send("spring-outdoor");

        assertThat(resumed.problems()).noneSatisfy(p -> assertThat(p).contains("paused"));
        assertThat(resumed.alreadyQueued()).isEqualTo(1);
        assertThat(emlFiles()).hasSize((int) (resumed.enqueued() + 1));
    }

    @Test
    void theWrittenMessageParsesBackWithJakartaMail() throws Exception {
        start(Map.of(), files).send("spring-outdoor");
        OutboxEntry annEntry = outbox.all().stream().filter(e -> e.profileId().equals("p1")).findFirst().orElseThrow();
        Path file = outboxDir.resolve("spring-outdoor/" + annEntry.idempotencyKey() + ".eml");
        byte[] raw = Files.readAllBytes(file);
        for (byte b : raw) {
            assertThat(b & 0xff).as("every byte on the wire is 7-bit").isLessThan(128);
        }

        MimeMessage message;
        try (InputStream in = Files.newInputStream(file)) {
            message = new MimeMessage(Session.getInstance(new Properties()), in);
        }

        assertThat(message.getSubject()).isEqualTo("Hallo Ännchen – Frühling!");
        InternetAddress from = (InternetAddress) message.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("news@example.com");
        assertThat(from.getPersonal()).isEqualTo("Tailor Outdoor – Küche");
        assertThat(message.getRecipients(MimeMessage.RecipientType.TO))
                .extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("ann@example.com");
        assertThat(message.getSentDate()).isNotNull();
        assertThat(message.getMessageID()).isEqualTo("<" + annEntry.idempotencyKey() + "@tailor>");
        assertThat(annEntry.idempotencyKey())
                .isEqualTo(PersonalizedMessages.idempotencyKey("spring-outdoor", "p1", 1)).matches("[0-9a-f]{64}");
        assertThat(message.getHeader("X-Tailor-Campaign", null)).isEqualTo("spring-outdoor");
        assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");

        String listUnsubscribe = message.getHeader("List-Unsubscribe", null).replaceAll("\\r?\\n\\s+", " ");
        String token = subscriptions.issued.stream().filter(t -> t.contains(".p1.")).findFirst().orElseThrow();
        assertThat(token).isEqualTo(token.substring(0, token.indexOf('.')) + ".p1.email_marketing.spring-outdoor");
        assertThat(listUnsubscribe).isEqualTo("<https://shop.example.com/tailor/consent/unsubscribe?token=" + token
                + ">, <mailto:unsubscribe@shop.example.com?subject=unsubscribe-" + token + ">");

        assertThat(message.isMimeType("multipart/alternative")).isTrue();
        Multipart parts = (Multipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        Part text = parts.getBodyPart(0);
        Part html = parts.getBodyPart(1);
        assertThat(text.isMimeType("text/plain")).isTrue();
        assertThat(html.isMimeType("text/html")).isTrue();
        for (Part part : List.of(text, html)) {
            assertThat(part.getContentType()).containsIgnoringCase("charset=UTF-8");
            assertThat(part.getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        }
        assertThat((String) text.getContent()).contains("Grüße, Ännchen").contains("token=" + token);
        assertThat((String) html.getContent()).contains("<p>Grüße, Ännchen</p>");
        assertThat(new String(raw, StandardCharsets.US_ASCII)).doesNotContain("Ännchen");
    }

    @Test
    void erasureDeletesTheWrittenMessagesOfThePersonOnly() throws Exception {
        start(Map.of(), files).send("spring-outdoor");
        int written = emlFiles().size();

        assertThat(files.name()).isEqualTo("file-transport");
        assertThat(files.erase(Set.of("p1"), Set.of("ann@example.com"))).isEqualTo(1);

        assertThat(emlFiles()).hasSize(written - 1);
        for (Path file : emlFiles()) {
            assertThat(Files.readString(file, StandardCharsets.US_ASCII)).doesNotContain("ann@example.com");
        }
        assertThat(files.erase(Set.of("p1"), Set.of("ann@example.com"))).isZero();
        assertThat(files.erase(Set.of(), Set.of())).isZero();
    }

    @Test
    void renderGetsTheUnsubscribeUrlAndTheCampaign() {
        start(Map.of(), files).send("spring-outdoor");

        Map<String, Object> vars = renderer.variables.get(0);
        assertThat(vars).containsEntry("campaign", Map.of("id", "spring-outdoor", "name", "Spring outdoor"));
        assertThat(URI.create((String) vars.get("unsubscribe_url")))
                .hasScheme("https").hasHost("shop.example.com").hasPath("/tailor/consent/unsubscribe");
        assertThat(URI.create((String) vars.get("preferences_url"))).hasPath("/tailor/consent/preferences");
    }

    @Test
    void previewRendersWithoutConsentAndWithoutTheOutbox() throws Exception {
        start(Map.of(), null);

        RenderedMessage preview = service.preview("spring-outdoor", new Identity("email", "nils@example.com"));

        assertThat(preview.profileId()).isEqualTo("p4");
        assertThat(preview.recipient()).isEqualTo("nils@example.com");
        assertThat(preview.subject()).isEqualTo("Hallo there – Frühling!");
        assertThat(renderer.variables.get(0)).containsKeys("unsubscribe_url", "campaign");
        assertThat(outbox.all()).isEmpty();
        assertThatThrownBy(() -> service.preview("spring-outdoor", new Identity("email", "nobody@example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("nobody");
        assertThatThrownBy(() -> service.preview("autumn", new Identity("email", "nils@example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown campaign 'autumn'");

        org.tailor.api.content.ExplainedMessage explained = service.explainPreview("spring-outdoor", "p4");
        assertThat(explained.message().subject()).isEqualTo(preview.subject());
        assertThat(explained.message().html()).as("a new link each time").contains("token=t2.p4");
        assertThat(renderer.variables.get(1)).containsKeys("unsubscribe_url", "preferences_url", "campaign");
        assertThatThrownBy(() -> service.explainPreview("spring-outdoor", "p3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no email address");
        assertThatThrownBy(() -> service.explainPreview("spring-outdoor", "p999"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("there is no profile p999");
        assertThat(outbox.all()).isEmpty();
    }

    @Test
    void sendRefusesWhatItCannotDo() {
        start(Map.of(), null);
        assertThatThrownBy(() -> service.send("autumn")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown campaign 'autumn'").hasMessageContaining("spring-outdoor");
        assertThatThrownBy(() -> service.send("spring-outdoor")).isInstanceOf(IllegalStateException.class)
                .hasMessage("no transport named 'file' is registered (registered: [])");

        service.addTransport(files, Map.of(Transport.NAME_PROPERTY, "file"));
        renderer.templates.clear();
        assertThatThrownBy(() -> service.send("spring-outdoor")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("template 'outdoor'");
        segments.members.clear();
        assertThatThrownBy(() -> service.send("spring-outdoor")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("segment 'outdoor-fans'");
        assertThat(outbox.all()).isEmpty();
    }

    @Test
    void theConfiguredTransportNameSelectsTheTransport() {
        TestTransports.Named other = new TestTransports.Named("other");
        start(Map.of("transport", "smtp"), files);
        assertThatThrownBy(() -> service.send("spring-outdoor")).hasMessageContaining("registered: [file]");

        service.addTransport(other, Map.of(Transport.NAME_PROPERTY, "smtp"));
        SendReport report = service.send("spring-outdoor");

        assertThat(report.delivered()).isEqualTo(2);
        assertThat(outboxDir).doesNotExist();

        service.removeTransport(other);
        assertThatThrownBy(() -> service.send("spring-outdoor")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecondConcurrentSendOfTheSameCampaignIsRefused() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Fakes.Segments blocking = new Fakes.Segments() {
            @Override
            public long forEachMember(String segmentId, java.util.function.Consumer<Profile> visitor) {
                inside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.forEachMember(segmentId, visitor);
            }
        };
        blocking.members.putAll(segments.members);
        service = new OutboxCampaignService(Converters.standardConverter().convert(Map.of(
                        "campaigns.directory", tmp.resolve("campaigns").toString(), "scan.interval.ms", 0L))
                .to(OutboxCampaignServiceConfig.class), blocking, renderer, consent, subscriptions, profiles, outbox);
        service.addTransport(files, Map.of(Transport.NAME_PROPERTY, "file"));

        CompletableFuture<SendReport> first = CompletableFuture.supplyAsync(() -> service.send("spring-outdoor"));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> service.send("spring-outdoor")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already being sent");
        } finally {
            release.countDown();
        }
        assertThat(first.get(10, TimeUnit.SECONDS).enqueued()).isEqualTo(2);
        assertThat(service.send("spring-outdoor").alreadyQueued()).isEqualTo(2);
    }

    @Test
    void problemLinesAreCapped() {
        List<Profile> many = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many.add(Fakes.profile("x" + i, null, Map.of()));
        }
        segments.members.put("outdoor-fans", many);

        SendReport report = start(Map.of(), files).send("spring-outdoor");

        assertThat(report.noAddress()).isEqualTo(150);
        assertThat(report.problems()).hasSize(100);
        assertThat(report.problems().get(99)).isEqualTo("... and 51 more problems not listed");
    }

    @Test
    void campaignsAreListedAndBrokenFilesReported() throws IOException {
        Files.writeString(tmp.resolve("campaigns/broken.json"), "{\"id\":\"Broken!\"}");
        start(Map.of(), files);

        assertThat(service.campaigns()).extracting(c -> c.id()).containsExactly("spring-outdoor");
        assertThat(service.campaign("spring-outdoor")).get()
                .satisfies(c -> assertThat(c.fromAddress()).isEqualTo("Tailor Outdoor – Küche <news@example.com>"));
        assertThat(service.problems()).singleElement().asString()
                .startsWith(tmp.resolve("campaigns/broken.json") + ":1:1: field 'name': missing");
    }
}
