package org.tailor.content.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.osgi.util.converter.Converters;
import org.tailor.api.consent.AttributeScope;
import org.tailor.api.consent.PersonalizationConsent;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;

/** Template folders on disk, profiles and renderers for the tests. */
final class TestTemplates {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final Path root;
    /** Every write moves a file's time forward, so a rescan sees it even within one clock tick. */
    private long tick;

    TestTemplates(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    TestTemplates write(String id, String file, String text) {
        try {
            Path folder = Files.createDirectories(root.resolve(id));
            Path path = folder.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
            Files.setLastModifiedTime(path, FileTime.from(T0.plusSeconds(++tick)));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pack with the given subject and HTML body, and no text body. */
    TestTemplates pack(String id, String subject, String html) {
        return write(id, "subject.vm", subject).write(id, "body.html.vm", html);
    }

    VelocityContentRenderer renderer(Map<String, Object> properties) {
        return renderer(properties, profileId -> new AttributeScope(true, Set.of(), "personalization granted"));
    }

    /** @param consent what each recipient's consent lets templates read */
    VelocityContentRenderer renderer(Map<String, Object> properties, PersonalizationConsent consent) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("directory", root.toString());
        all.putIfAbsent("scan.interval.ms", 0L);
        return new VelocityContentRenderer(
                Converters.standardConverter().convert(all).to(VelocityContentRendererConfig.class), consent);
    }

    VelocityContentRenderer renderer() {
        return renderer(Map.of());
    }

    static Profile profile(Map<String, Object> attributes) {
        return new Profile("p-1", Set.of(new Identity(Identity.EMAIL, "ann@example.com")), attributes, T0, T0);
    }

    static Profile ann() {
        return profile(Map.of("first_name", "Ann", "city", "Berlin", "country", "DE"));
    }
}
