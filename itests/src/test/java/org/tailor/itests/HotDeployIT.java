package org.tailor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.tailor.api.connector.ConnectorRegistry;
import org.tailor.api.content.ContentRenderer;
import org.tailor.api.model.Profile;
import org.tailor.api.model.Identity;
import org.tailor.api.store.ProfileStore;
import org.tailor.itests.deployable.ItestConnector;
import org.tailor.itests.deployable.ItestConnectorActivator;

/** A partner connector dropped into deploy/ is picked up, imports, and is let go when removed. */
@RunWith(PaxExam.class)
public class HotDeployIT extends TailorTestSupport {

    @Inject
    ConnectorRegistry connectors;

    @Inject
    ProfileStore profiles;

    @Inject
    ContentRenderer content;

    @Configuration
    public Option[] config() {
        return baseOptions().toArray(new Option[0]);
    }

    @Test
    public void aConnectorBundleDroppedIntoDeployIsPickedUpAndLetGo() throws Exception {
        Path staged = Files.createTempFile("itest-connector", ".jar");
        writeConnectorBundle(staged);
        Path deployed = karafBase().resolve("deploy").resolve("itest-connector.jar");
        // Moved in whole, so that the deployer never reads half a jar.
        Files.move(staged, deployed, StandardCopyOption.REPLACE_EXISTING);

        await("the deployed connector to be registered", Duration.ofSeconds(60), () -> listed());
        await("the deployed connector's customers to be stored", Duration.ofSeconds(60),
                () -> profiles.findByIdentity(new Identity("customer_id", "HOT-2")).isPresent());
        String listing = executeCommand("tailor:connector-list");
        assertTrue(listing, listing.contains(ItestConnector.NAME));

        Files.delete(deployed);
        await("the removed connector to be let go", Duration.ofSeconds(60), () -> !listed());
    }

    @Test
    public void aTemplateBundleDroppedIntoDeployProvidesItsPacksUntilRemoved() throws Exception {
        Path deployed = karafBase().resolve("deploy").resolve("itest-templates.jar");
        deployTemplates(deployed, "Welcome, $profile.get(\"first_name\", \"friend\")");
        await("the bundle's template to load", Duration.ofSeconds(60), () -> content.templates().contains("hot-welcome"));
        Profile ann = new Profile("p-hot", java.util.Set.of(new Identity("email", "ann@example.com")),
                java.util.Map.of("first_name", "Ann"), java.time.Instant.EPOCH, java.time.Instant.EPOCH);
        assertEquals("Welcome, Ann", content.render("hot-welcome", ann, "ann@example.com", java.util.Map.of()).subject());

        deployTemplates(deployed, "Hello again, $profile.get(\"first_name\", \"friend\")");
        await("the updated bundle's template to replace the old one", Duration.ofSeconds(60),
                () -> subject(ann).equals("Hello again, Ann"));

        Files.delete(deployed);
        await("the removed bundle's template to go", Duration.ofSeconds(60), () -> !content.templates().contains("hot-welcome"));
    }

    private String subject(Profile profile) {
        try {
            return content.render("hot-welcome", profile, "ann@example.com", java.util.Map.of()).subject();
        } catch (org.tailor.api.content.RenderException e) {
            return e.getMessage();
        }
    }

    /** A bundle holding only a template pack, as a partner or an agency would ship one. */
    private static void deployTemplates(Path deployed, String subject) throws IOException {
        Path staged = Files.createTempFile("itest-templates", ".jar");
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "org.tailor.itests.templates");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Tailor-Templates", "templates");
        try (OutputStream file = Files.newOutputStream(staged); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String[] entry : new String[][] {{"templates/hot-welcome/subject.vm", subject},
                    {"templates/hot-welcome/body.html.vm", "<p>$profile.get(\"first_name\", \"friend\")</p>"}}) {
                out.putNextEntry(new JarEntry(entry[0]));
                out.write(entry[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        // Moved in whole, so that the deployer never reads half a jar.
        Files.move(staged, deployed, StandardCopyOption.REPLACE_EXISTING);
    }

    private boolean listed() {
        return connectors.connectors().stream().anyMatch(s -> s.name().equals(ItestConnector.NAME));
    }

    /** Packs the two deployable classes into a bundle of their own, as a partner's build would. */
    private void writeConnectorBundle(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "org.tailor.itests.deployable");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", ItestConnectorActivator.class.getName());
        main.putValue("Import-Package", "org.osgi.framework,org.tailor.api.connector;version=\"[1.0,2)\","
                + "org.tailor.api.ingest;version=\"[1.0,2)\"");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Class<?> type : new Class<?>[] {ItestConnector.class, ItestConnectorActivator.class}) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
