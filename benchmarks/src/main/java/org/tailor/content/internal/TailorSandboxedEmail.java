package org.tailor.content.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.util.converter.Converters;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.benchmarks.templates.EmailEngine;
import org.tailor.benchmarks.templates.EmailModel;
import org.tailor.benchmarks.templates.EmailTemplates;
import org.tailor.benchmarks.templates.Recipient;

/**
 * Tailor's sandboxed Velocity on the render path of {@link VelocityContentRenderer}, on the
 * calling thread: {@link SandboxedVelocity} with the allowlist uberspector, strict references and
 * the loop cap; per message a {@link MessageMerge} (read-only copies of the variables,
 * {@link ProfileView}), and per part a {@link TemplateContext} that caps stored values,
 * {@link ReferenceOutput} escaping every reference, and a {@link BoundedWriter} that caps output.
 * Caps are the renderer's defaults.
 *
 * <p>The pack's subject and text templates are empty, so that the output is the HTML alone, as
 * with the other engines; every part goes through the engine (no direct concatenation), so this
 * measures the sandbox and caps against plain Velocity. Not included: the consent look-up (see
 * {@link TailorRendererEmail}).
 */
public final class TailorSandboxedEmail implements EmailEngine {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    /** The renderer's configuration with every default, so the caps follow the bundle's. */
    static VelocityContentRendererConfig defaults(Map<String, Object> properties) {
        return Converters.standardConverter().convert(properties).to(VelocityContentRendererConfig.class);
    }

    @Override
    public Rendering prepare(List<Recipient> recipients) throws TemplateSyntaxException {
        VelocityContentRendererConfig config = defaults(Map.of());
        SandboxedVelocity velocity = new SandboxedVelocity(config.max_loop_iterations(), config.max_nesting());
        // Every part through the engine, as plain Velocity does: the cost of the sandbox alone.
        TemplatePack pack = new TemplatePack("spring-picks", PackManifest.classic(),
                engine(velocity, "spring-picks/subject.vm", "", false), java.util.Optional.empty(),
                engine(velocity, "spring-picks/body.html.vm", EmailTemplates.text(EmailTemplates.VELOCITY), true),
                java.util.Optional.of(engine(velocity, "spring-picks/body.txt.vm", "", false)), Map.of(), List.of());
        Profile[] profiles = recipients.stream().map(TailorSandboxedEmail::profile).toArray(Profile[]::new);
        String[] addresses = recipients.stream().map(TailorSandboxedEmail::address).toArray(String[]::new);
        List<Map<String, Object>> variables = recipients.stream().map(EmailModel::variables).map(Map::copyOf).toList();
        RenderScope.Limits limits = new RenderScope.Limits(config.max_output_chars(), config.max_render_steps(),
                config.render_timeout_ms(), config.max_loop_iterations());
        FormatTool format = new FormatTool(java.util.Locale.ENGLISH, java.time.ZoneOffset.UTC);
        return recipient -> new MessageMerge(velocity, pack, profiles[recipient], addresses[recipient],
                variables.get(recipient), List.of(), format, limits, null).call().html();
    }

    private static CompiledPart engine(SandboxedVelocity velocity, String file, String source, boolean html)
            throws TemplateSyntaxException {
        return new VelocityPart(file, velocity.compile(file, source), html, false);
    }

    /** The recipient as Tailor's store hands it over: a profile with an email identity and attributes. */
    static Profile profile(Recipient recipient) {
        return new Profile("p-" + recipient.id(), Set.of(new Identity(Identity.EMAIL, address(recipient))),
                EmailModel.attributes(recipient), T0, T0);
    }

    static String address(Recipient recipient) {
        return "r" + recipient.id() + "@example.com";
    }
}
