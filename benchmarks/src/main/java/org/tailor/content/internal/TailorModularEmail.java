package org.tailor.content.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tailor.api.consent.AttributeScope;
import org.tailor.api.model.Profile;
import org.tailor.benchmarks.templates.EmailEngine;
import org.tailor.benchmarks.templates.EmailModel;
import org.tailor.benchmarks.templates.Recipient;
import org.tailor.segments.internal.BenchmarkConditions;

/**
 * The same email as a modular pack, through the whole {@link VelocityContentRenderer#render} call:
 * the layout and the hero, offer and footer slots chosen per recipient by segment-language rules
 * (the segment bundle's evaluator), text-and-field files rendered by direct concatenation, the
 * nested-condition offer block and the product loop through the sandboxed engine, the consent
 * scope looked up, the time limit checked on the caller's thread.
 */
public final class TailorModularEmail implements EmailEngine {

    private static final AttributeScope EVERYTHING = new AttributeScope(true, Set.of(), "personalization granted");
    private static final List<String> FILES = List.of("pack.json", "subject.vm", "layout.html.vm", "layout.txt.vm",
            "blocks/hero-dach.html.vm", "blocks/hero-nordic.html.vm", "blocks/hero-other.html.vm",
            "blocks/offer-gold.html.vm", "blocks/offer-silver.html.vm", "blocks/offer-welcome.html.vm",
            "blocks/products.html.vm", "blocks/footer-de.html.vm", "blocks/footer-fr.html.vm", "blocks/footer-en.html.vm");

    @Override
    public Rendering prepare(List<Recipient> recipients) throws IOException {
        Path folder = Files.createTempDirectory("tailor-benchmark-modular");
        Path pack = folder.resolve("spring-picks");
        for (String file : FILES) {
            Path target = pack.resolve(file);
            Files.createDirectories(target.getParent());
            try (InputStream in = TailorModularEmail.class.getResourceAsStream("/templates/modular/" + file)) {
                Files.copy(in, target);
            }
        }
        VelocityContentRenderer renderer = new VelocityContentRenderer(TailorSandboxedEmail.defaults(Map.of(
                "directory", folder.toString(), "scan.interval.ms", 0L,
                "profile.attributes", new String[] {"first_name", "last_name", "city", "country", "language",
                        "loyalty_points", "last_order_id"})), profileId -> EVERYTHING);
        renderer.bindConditions(new BenchmarkConditions());
        if (!renderer.problems().isEmpty() || !renderer.templates().contains("spring-picks")) {
            throw new IllegalStateException("the modular benchmark pack does not load: " + renderer.problems());
        }
        Profile[] profiles = recipients.stream().map(TailorSandboxedEmail::profile).toArray(Profile[]::new);
        String[] addresses = recipients.stream().map(TailorSandboxedEmail::address).toArray(String[]::new);
        List<Map<String, Object>> variables = recipients.stream().map(EmailModel::variables).map(Map::copyOf).toList();
        return recipient -> renderer.render("spring-picks", profiles[recipient], addresses[recipient],
                variables.get(recipient)).html();
    }
}
