package org.tailor.content.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.velocity.Template;
import org.apache.velocity.app.event.EventCartridge;
import org.tailor.api.model.Profile;
import org.tailor.api.model.RenderedMessage;

/**
 * Renders the parts of one message from one pack; runs on a render thread. Remembers which part
 * it is on, so that a timeout or an output overflow can name the file.
 */
final class MessageMerge implements Callable<RenderedMessage> {

    /** Names Tailor itself puts in every template's context; a variable cannot replace them. */
    static final Set<String> RESERVED = Set.of("profile", "raw", "foreach", "velocityCount", "bodyContent");

    private final SandboxedVelocity velocity;
    private final TemplatePack pack;
    private final Profile profile;
    private final String recipient;
    private final Map<String, Object> values;
    private final int maxOutputChars;
    private volatile TemplatePart current = TemplatePart.SUBJECT;

    /** @throws IllegalArgumentException if a variable uses a reserved name */
    MessageMerge(SandboxedVelocity velocity, TemplatePack pack, Profile profile, String recipient,
                 Map<String, Object> variables, int maxOutputChars) {
        this.velocity = velocity;
        this.pack = pack;
        this.profile = profile;
        this.recipient = recipient;
        this.maxOutputChars = maxOutputChars;
        this.values = contextValues(profile, recipient, variables);
    }

    /** The names a template can read: the caller's variables, $profile and $raw. */
    private static Map<String, Object> contextValues(Profile profile, String recipient, Map<String, Object> variables) {
        Map<String, Object> given = new HashMap<>();
        variables.forEach((name, value) -> {
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("variable name '" + name + "' is reserved for Tailor's own use");
            }
            given.put(name, TemplateValues.readOnly(value));
        });
        Map<String, Object> values = new HashMap<>(given);
        values.put("profile", new ProfileView(profile, recipient));
        values.put("raw", new RawVariables(Map.copyOf(given)));
        return values;
    }

    TemplatePart currentPart() {
        return current;
    }

    @Override
    public RenderedMessage call() {
        String subject = oneLine(merge(TemplatePart.SUBJECT, pack.subject(), ReferenceOutput.forPlainText()));
        String html = merge(TemplatePart.HTML, pack.html(), ReferenceOutput.forHtml());
        String text = pack.textTemplate()
                .map(template -> merge(TemplatePart.TEXT, template, ReferenceOutput.forPlainText()))
                .orElseGet(() -> HtmlToText.convert(html));
        return new RenderedMessage(profile.id(), recipient, subject, html, text);
    }

    private String merge(TemplatePart part, Template template, ReferenceOutput output) {
        current = part;
        // A fresh context per part: a #set in the subject must not leak into the body.
        TemplateContext context = new TemplateContext(new HashMap<>(values), maxOutputChars);
        EventCartridge events = new EventCartridge();
        events.addEventHandler(output);
        events.attachToContext(context);
        BoundedWriter out = new BoundedWriter(maxOutputChars);
        velocity.merge(template, context, out);
        return out.toString();
    }

    /** A subject is one header line: line breaks from values or the file become spaces. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\s\\u00A0]+", " ").strip();
    }
}
