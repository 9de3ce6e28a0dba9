package org.tailor.content.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder of packs copied from bundles: one sub-folder per bundle, cleared only when Tailor made it. */
class BundleTemplatesTest {

    @TempDir
    Path root;

    @Test
    void packsOfEveryBundleAreLoadedAndAnIdInTwoBundlesIsAProblem() {
        TestTemplates first = new TestTemplates(root.resolve("com.acme.mail_12"));
        first.pack("welcome", "Hi", "<p>Welcome</p>");
        TestTemplates second = new TestTemplates(root.resolve("com.other_13"));
        second.pack("welcome", "Yo", "<p>Other</p>").pack("receipt", "Your order", "<p>Thanks</p>");
        PackLoader loader = new PackLoader(new SandboxedVelocity(100), root.resolve("_blocks"), Set.of(), Optional::empty);
        TemplateLibrary library = new TemplateLibrary(root, loader, 2);

        library.rescan();

        assertThat(library.ids()).containsExactly("receipt", "welcome");
        assertThat(library.problems()).containsExactly(
                "welcome:1:1: template welcome comes from com.acme.mail_12 and com.other_13; the first is used");
    }

    @Test
    void onlyAFolderTailorMadeIsEmptiedAtStart() throws Exception {
        Path ours = root.resolve("ours");
        BundleTemplates.clear(ours);
        Files.createDirectories(ours.resolve("old.bundle_3/welcome"));
        BundleTemplates.clear(ours);
        try (var children = Files.list(ours)) {
            assertThat(children.map(p -> p.getFileName().toString())).containsExactly(".tailor-bundle-templates");
        }

        Path foreign = root.resolve("foreign");
        Files.createDirectories(foreign.resolve("precious"));
        BundleTemplates.clear(foreign);
        assertThat(foreign.resolve("precious")).isDirectory();
    }
}
