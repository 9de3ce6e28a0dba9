package org.tailor.itests;

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
