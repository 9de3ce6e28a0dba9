package org.tailor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.tailor.api.connector.ConnectorRegistry;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.delivery.CampaignService;
import org.tailor.api.model.Identity;
import org.tailor.api.store.ProfileStore;
import org.tailor.sampledata.SampleDataGenerator;

/** The demo path end to end: sample CSV in the hot folder, the demo campaign sent, .eml files out. */
@RunWith(PaxExam.class)
public class DemoCampaignIT extends TailorTestSupport {

    private static final int CUSTOMERS = 1500;

    @Inject
    ConnectorRegistry connectors;

    /** Injected so the test waits for the runtime before it sends through the console. */
    @Inject
    CampaignService campaigns;

    @Inject
    ConsentService consent;

    @Inject
    ProfileStore profileStore;

    @Configuration
    public Option[] config() throws IOException {
        // Runs in the test driver: the sample files are made here and copied into the inbox before boot.
        File sample = new File(System.getProperty("tailor.itest.work", "target/itest-work"), "sample");
        new SampleDataGenerator(20261123L, CUSTOMERS, LocalDate.now(ZoneOffset.UTC)).writeTo(sample.toPath());
        List<Option> options = baseOptions();
        for (String name : List.of("customers.csv", "orders.csv", "events.csv")) {
            options.add(replaceConfigurationFile("data/inbox/" + name, new File(sample, name)));
        }
        options.add(systemProperty("tailor.itest.sample").value(sample.getAbsolutePath()));
        return options.toArray(new Option[0]);
    }

    @Test
    public void theDemoCampaignWritesOneValidMessageToEachConsentedMember() throws Exception {
        Path inbox = karafBase().resolve("data/inbox");
        await("the sample files to be imported", Duration.ofSeconds(240), () -> importFinished(inbox));
        assertTrue("all three files done", Files.exists(inbox.resolve("done/customers.csv"))
                && Files.exists(inbox.resolve("done/orders.csv")) && Files.exists(inbox.resolve("done/events.csv")));
        assertTrue("the planted bad rows are kept with reasons",
                Files.readString(inbox.resolve("done/customers.rejects.csv")).contains("email"));
        String deadLetters = executeCommand("tailor:dead-letter-list --source customers.csv");
        assertTrue("the planted bad rows are dead letters an admin can list: " + deadLetters,
                deadLetters.contains("customers.csv") && deadLetters.contains("email"));
        String profile = executeCommand("tailor:profile-show customer_id:C00042");
        assertTrue("a customer shows identities, orders and events: " + profile,
                profile.contains("customer_id:C00042") && profile.contains("Orders: ") && profile.contains("Events: "));
        String explained = executeCommand("tailor:segment-explain outdoor-fans customer_id:C00042");
        assertTrue("explain ends with the verdict: " + explained,
                explained.contains("segment outdoor-fans") && (explained.contains("[yes]") || explained.contains("[no]")));

        String preview = executeCommand("tailor:preview --explain demo-outdoor customer_id:C00042");
        assertTrue("the preview says which block filled each slot and why: " + preview,
                preview.contains("Subject: ") && preview.contains("Slot hero: ") && preview.contains("Slot offer: ")
                        && preview.contains("Slot footer: default (block footer)") && preview.contains("Personalization: "));

        DemoOracle oracle = new DemoOracle(Path.of(System.getProperty("tailor.itest.sample")));
        Set<String> before = oracle.expectedRecipients(Instant.now());
        String report = executeCommand("tailor:campaign-send demo-outdoor");
        Set<String> after = oracle.expectedRecipients(Instant.now());

        Path outbox = karafBase().resolve("data/outbox/demo-outdoor");
        Set<String> recipients = new HashSet<>();
        List<Path> files = emlFiles(outbox);
        Session session = Session.getInstance(new Properties());
        String oneClick = null;
        String unsubscribedAddress = null;
        // Jakarta Activation finds the multipart handlers through the mail implementation's
        // mailcap, looked up with the context class loader.
        Thread.currentThread().setContextClassLoader(StreamProvider.provider().getClass().getClassLoader());
        for (Path file : files) {
            MimeMessage message;
            try (InputStream in = Files.newInputStream(file)) {
                message = new MimeMessage(session, in);
            }
            String to = ((InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress();
            assertTrue("a recipient is mailed once: " + to, recipients.add(to));
            assertNotNull("From", message.getFrom());
            assertNotNull("Message-ID", message.getMessageID());
            String listUnsubscribe = message.getHeader("List-Unsubscribe", ",");
            assertTrue(listUnsubscribe, listUnsubscribe.contains("<http") && listUnsubscribe.contains("<mailto:"));
            assertEquals("List-Unsubscribe=One-Click", message.getHeader("List-Unsubscribe-Post", null));
            assertFalse("no unrendered merge field in " + message.getSubject(), message.getSubject().contains("$"));
            assertTrue(message.getContentType(), message.isMimeType("multipart/alternative"));
            MimeMultipart parts = (MimeMultipart) message.getContent();
            assertEquals(2, parts.getCount());
            assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
            assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
            String html = (String) parts.getBodyPart(1).getContent();
            assertTrue("unsubscribe link in the body", html.contains("/tailor/consent/unsubscribe?token="));
            if (oneClick == null) {
                oneClick = listUnsubscribe.substring(listUnsubscribe.indexOf("<http") + 1, listUnsubscribe.indexOf('>'));
                unsubscribedAddress = to;
            }
        }

        // Evaluation happens between the two oracle readings; only people on a window's edge may differ.
        Set<String> surely = new HashSet<>(before);
        surely.retainAll(after);
        Set<String> possibly = new HashSet<>(before);
        possibly.addAll(after);
        assertFalse("the demo reaches someone", surely.isEmpty());
        assertTrue("everyone who must get the message got it; missing: " + missing(surely, recipients),
                recipients.containsAll(surely));
        assertTrue("no one else got it; extra: " + missing(recipients, possibly), possibly.containsAll(recipients));
        assertTrue(report, report.contains("Written:") && report.contains(String.valueOf(files.size())));

        String status = executeCommand("tailor:campaign-status demo-outdoor");
        assertTrue("progress counts the sent messages: " + status, status.contains(" sent (100.0%), 0 pending, 0 failed"));
        String why = executeCommand("tailor:campaign-why demo-outdoor customer_id:C00042");
        assertTrue("why names every check a send makes: " + why, why.contains("Outbox: ") && why.contains("Audience: ")
                && why.contains("Consent for email_marketing: ") && why.contains("Verdict: "));

        String again = executeCommand("tailor:campaign-send demo-outdoor");
        assertTrue(again, again.matches("(?s).*Queued now:\\s+0\\b.*"));
        assertEquals("sending again mails no one twice", files.size(), emlFiles(outbox).size());

        // RFC 8058: the mailbox provider POSTs to the header's URL, without cookies or login.
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(oneClick))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(response.body(), 200, response.statusCode());
        assertFalse("a withdrawal is honoured before the next message",
                consent.check(profileIdOf(unsubscribedAddress), "email_marketing").allowed());
    }

    private String profileIdOf(String email) {
        return profileStore.findByIdentity(new Identity(Identity.EMAIL, email)).orElseThrow().id();
    }

    private boolean importFinished(Path inbox) {
        try (Stream<Path> pending = Files.list(inbox)) {
            boolean inboxEmpty = pending.noneMatch(p -> p.toString().endsWith(".csv"));
            boolean processingEmpty = isEmptyOrAbsent(inbox.resolve("processing"));
            return inboxEmpty && processingEmpty
                    && connectors.connectors().stream().anyMatch(s -> s.name().equals("csv-default") && s.idle());
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isEmptyOrAbsent(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return true;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.findAny().isEmpty();
        }
    }

    private static List<Path> emlFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".eml")).toList();
        }
    }

    private static Set<String> missing(Set<String> wanted, Set<String> have) {
        Set<String> missing = new HashSet<>(wanted);
        missing.removeAll(have);
        return missing;
    }
}
