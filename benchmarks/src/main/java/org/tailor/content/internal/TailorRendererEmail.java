package org.tailor.content.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.tailor.api.consent.AttributeScope;
import org.tailor.api.model.Profile;
import org.tailor.benchmarks.templates.EmailEngine;
import org.tailor.benchmarks.templates.EmailModel;
import org.tailor.benchmarks.templates.EmailTemplates;
import org.tailor.benchmarks.templates.Recipient;

/**
 * The whole {@link VelocityContentRenderer#render} call as a campaign makes it, for the classic
 * (single-file) pack: the sandboxed render of {@link TailorSandboxedEmail} with the file analysis of
 * the pack loader, plus the consent scope of the recipient (here: everything readable) and the
 * time limit checked on the caller's thread. The pack is written
 * to a temporary folder (empty subject and text files) and loaded as the bundle loads packs.
 */
public final class TailorRendererEmail implements EmailEngine {

    private static final AttributeScope EVERYTHING = new AttributeScope(true, Set.of(), "personalization granted");

    @Override
    public Rendering prepare(List<Recipient> recipients) throws IOException {
        Path folder = Files.createTempDirectory("tailor-benchmark-templates");
        Path pack = Files.createDirectories(folder.resolve("spring-picks"));
        Files.writeString(pack.resolve("subject.vm"), "");
        Files.writeString(pack.resolve("body.html.vm"), EmailTemplates.text(EmailTemplates.VELOCITY));
        Files.writeString(pack.resolve("body.txt.vm"), "");
        VelocityContentRenderer renderer = new VelocityContentRenderer(
                TailorSandboxedEmail.defaults(Map.of("directory", folder.toString(), "scan.interval.ms", 0L)),
                profileId -> EVERYTHING);
        deleteOnExit(folder, renderer);
        if (!renderer.problems().isEmpty()) {
            throw new IllegalStateException("the benchmark template does not load: " + renderer.problems());
        }
        Profile[] profiles = recipients.stream().map(TailorSandboxedEmail::profile).toArray(Profile[]::new);
        String[] addresses = recipients.stream().map(TailorSandboxedEmail::address).toArray(String[]::new);
        List<Map<String, Object>> variables = recipients.stream().map(EmailModel::variables).map(Map::copyOf).toList();
        return recipient -> renderer.render("spring-picks", profiles[recipient], addresses[recipient],
                variables.get(recipient)).html();
    }

    /** The files are read at activation and never again (scanning is off): remove them when the JVM ends. */
    private static void deleteOnExit(Path folder, VelocityContentRenderer renderer) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            renderer.deactivate();
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }
}
