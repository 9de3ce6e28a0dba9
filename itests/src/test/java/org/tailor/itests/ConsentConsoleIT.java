package org.tailor.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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
}
