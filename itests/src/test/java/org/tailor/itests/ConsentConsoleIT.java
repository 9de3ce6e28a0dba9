package org.tailor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.model.Identity;
import org.tailor.api.store.ProfileStore;
import org.tailor.sampledata.SampleDataGenerator;

/** The consent console commands in the running distribution, against imported people. */
@RunWith(PaxExam.class)
public class ConsentConsoleIT extends TailorTestSupport {

    @Inject
    ConsentService consent;

    @Inject
    ProfileStore profiles;

    @Configuration
    public Option[] config() throws IOException {
        File sample = new File(System.getProperty("tailor.itest.work", "target/itest-work"), "consent-sample");
        new SampleDataGenerator(11L, 50, LocalDate.now(ZoneOffset.UTC)).writeTo(sample.toPath());
        List<Option> options = baseOptions();
        options.add(replaceConfigurationFile("data/inbox/customers.csv", new File(sample, "customers.csv")));
        return options.toArray(new Option[0]);
    }

    @Test
    public void grantWithdrawSuppressExportAndVerifyFromTheConsole() throws Exception {
        Path inbox = karafBase().resolve("data/inbox");
        await("the customers to be imported", Duration.ofSeconds(120),
                () -> Files.exists(inbox.resolve("done/customers.csv"))
                        && profiles.findByIdentity(new Identity(Identity.CUSTOMER_ID, "C00002")).isPresent());
        String id = profiles.findByIdentity(new Identity(Identity.CUSTOMER_ID, "C00002")).orElseThrow().id();

        String withdrawn = executeCommand("tailor:consent-withdraw customer_id:C00002 email_marketing phone call, ticket 4711");
        assertTrue(withdrawn, withdrawn.contains("Recorded email_marketing withdrawn for " + id));
        assertFalse("withdrawn on the person's behalf", consent.check(id, "email_marketing").allowed());
        String granted = executeCommand("tailor:consent-grant customer_id:C00002 email_marketing signed form");
        assertTrue(granted, granted.contains("Recorded email_marketing granted for " + id));
        await("the grant to be in force", Duration.ofSeconds(10), () -> consent.check(id, "email_marketing").allowed());

        String history = executeCommand("tailor:consent-history customer_id:C00002");
        assertTrue(history, history.contains("Consent of profile " + id) && history.contains("ticket 4711"));

        String address = profiles.find(id).orElseThrow().email().orElseThrow();
        String suppressed = executeCommand("tailor:suppression-add --reason complaint " + address);
        assertTrue(suppressed, suppressed.startsWith("Suppressed "));
        assertFalse("a suppressed address gets no marketing email", consent.check(id, "email_marketing").allowed());
        String list = executeCommand("tailor:suppression-list");
        assertTrue(list, list.contains("COMPLAINT") || list.contains("complaint"));
        assertFalse("the list never shows the address", list.contains(address));
        assertTrue(executeCommand("tailor:suppression-remove " + address + " complaint withdrawn by the sender")
                .contains("Suppression lifted"));

        Path export = karafBase().resolve("data/export-C00002.json");
        String exported = executeCommand("tailor:dsr-export --file " + export + " customer_id:C00002");
        assertTrue(exported, exported.contains("Written to"));
        assertTrue("the export holds the person's consent history", Files.readString(export).contains("ticket 4711"));

        String verified = executeCommand("tailor:audit-verify");
        assertTrue(verified, verified.startsWith("Audit chain intact: "));
    }

    @Test
    public void doubleOptInMailsASignedLinkThatConfirmsOnceAndErasureLeavesOnlyTheProof() throws Exception {
        await("the customers to be imported", Duration.ofSeconds(120),
                () -> profiles.findByIdentity(new Identity(Identity.CUSTOMER_ID, "C00003")).isPresent());
        String id = profiles.findByIdentity(new Identity(Identity.CUSTOMER_ID, "C00003")).orElseThrow().id();
        String address = profiles.find(id).orElseThrow().email().orElseThrow();

        String requested = executeCommand("tailor:consent-request customer_id:C00003 analytics");
        assertTrue(requested, requested.contains("Confirmation for analytics sent to " + id));
        assertTrue("asking again at once sends nothing",
                executeCommand("tailor:consent-request customer_id:C00003 analytics").contains("a short while ago"));
        assertFalse("pending is not consent", consent.check(id, "analytics").allowed());

        Path folder = karafBase().resolve("data/outbox/confirmations");
        List<Path> mails;
        try (Stream<Path> files = Files.list(folder)) {
            mails = files.filter(p -> p.toString().endsWith(".eml")).toList();
        }
        assertEquals("one confirmation message", 1, mails.size());
        Thread.currentThread().setContextClassLoader(StreamProvider.provider().getClass().getClassLoader());
        MimeMessage message;
        try (InputStream in = Files.newInputStream(mails.get(0))) {
            message = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertEquals(address, ((InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress());
        assertNull("a confirmation is not a marketing message", message.getHeader("List-Unsubscribe"));
        String text = (String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
        Matcher link = Pattern.compile("http://127\\.0\\.0\\.1:8181/tailor/consent/confirm\\?token=\\S+").matcher(text);
        assertTrue(text, link.find());

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest confirm = HttpRequest.newBuilder(URI.create(link.group())).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> confirmed = http.send(confirm, HttpResponse.BodyHandlers.ofString());
        assertEquals(confirmed.body(), 200, confirmed.statusCode());
        await("the confirmation to be in force", Duration.ofSeconds(10), () -> consent.check(id, "analytics").allowed());
        HttpResponse<String> replayed = http.send(confirm, HttpResponse.BodyHandlers.ofString());
        assertTrue(replayed.body(), replayed.body().contains("already used"));
        assertTrue("a confirmed person is not asked again",
                executeCommand("tailor:consent-request customer_id:C00003 analytics").contains("already confirmed"));

        String erased = executeCommand("tailor:dsr-erase --confirm " + id);
        assertTrue(erased, erased.contains(" erase of " + id) && erased.contains("completed"));
        String requestId = erased.strip().split(" ", 2)[0];
        String status = executeCommand("tailor:dsr-status " + requestId);
        assertTrue(status, status.startsWith(requestId + " erase of " + id) && status.contains("completed"));
        assertTrue("the request is listed", executeCommand("tailor:dsr-status").contains(requestId));
        assertTrue("the profile is gone", profiles.find(id).isEmpty());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals("the rendered confirmation is erased too", 0, files.filter(p -> p.toString().endsWith(".eml")).count());
        }
        assertFalse("an erased address is suppressed", consent.check(id, "analytics").allowed());
        String suppressions = executeCommand("tailor:suppression-list");
        assertTrue(suppressions, suppressions.toLowerCase(java.util.Locale.ROOT).contains("erased"));
        String verified = executeCommand("tailor:audit-verify");
        assertTrue(verified, verified.startsWith("Audit chain intact: "));
    }
}
