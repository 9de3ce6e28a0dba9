package org.tailor.content.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tailor.api.content.SlotChoice;
import org.tailor.api.model.Profile;
import org.tailor.api.model.RenderedMessage;

/**
 * Renders one message from one pack: subject, preheader, the chosen block of every slot, then the
 * layout around them. Runs on the caller's thread when every part is bounded, else on a render
 * thread under the time limit. Remembers which file it is on, so that a timeout or an output
 * overflow can name it.
 */
final class MessageMerge implements Callable<RenderedMessage> {

    /** Names Tailor itself puts in every template's context; a variable cannot replace them. */
    static final Set<String> RESERVED = Set.of("profile", "raw", "style", "images", "format", "slot", "foreach",
            "velocityCount", "bodyContent");
    private static final Pattern BODY_TAG = Pattern.compile("<body\\b[^>]*>", Pattern.CASE_INSENSITIVE);

    private final TemplatePack pack;
    private final Profile profile;
    private final String recipient;
    private final List<SlotChoice> choices;
    private final RenderScope scope;
    private volatile String currentFile;

    /**
     * @param choices the block of every slot, as {@link SlotPlan#choose} picked them
     * @param defaulted collects the merge fields that used their defaults, or null when not explaining
     * @throws IllegalArgumentException if a variable uses a reserved name
     */
    MessageMerge(SandboxedVelocity velocity, TemplatePack pack, Profile profile, String recipient,
                 Map<String, Object> variables, List<SlotChoice> choices, FormatTool format, RenderScope.Limits limits,
                 Set<String> defaulted) {
        this.pack = pack;
        this.profile = profile;
        this.recipient = recipient;
        this.choices = choices;
        this.currentFile = pack.subject().file();
        this.scope = new RenderScope(velocity, contextValues(pack, profile, recipient, variables, format, defaulted),
                limits, defaulted);
    }

    /** The names a template can read: the caller's variables, $profile, $raw, $style, $images and $format. */
    private static Map<String, Object> contextValues(TemplatePack pack, Profile profile, String recipient,
                                                     Map<String, Object> variables, FormatTool format,
                                                     Set<String> defaulted) {
        Map<String, Object> given = new HashMap<>();
        variables.forEach((name, value) -> {
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("variable name '" + name + "' is reserved for Tailor's own use");
            }
            given.put(name, TemplateValues.readOnly(value));
        });
        Map<String, Object> values = new HashMap<>(given);
        values.put("profile", new ProfileView(profile, recipient, defaulted == null ? null : field -> {
            synchronized (defaulted) {
                defaulted.add("$profile." + field);
            }
        }));
        values.put("raw", new RawVariables(Map.copyOf(given)));
        values.put("style", pack.manifest().style());
        values.put("images", pack.manifest().images());
        values.put("format", format);
        return values;
    }

    String currentFile() {
        return currentFile;
    }

    List<String> defaultedFields() {
        return scope.defaultedFields();
    }

    @Override
    public RenderedMessage call() {
        scope.startClock(scope.renderTimeoutMs());
        String subject = oneLine(render(pack.subject(), scope));
        Optional<String> preheader = pack.preheader().map(part -> oneLine(render(part, scope)));
        Map<String, Object> htmlSlots = new LinkedHashMap<>();
        Map<String, java.util.function.Supplier<Object>> textSlots = new LinkedHashMap<>();
        for (SlotChoice choice : choices) {
            TemplatePack.Block block = pack.blocks().get(choice.block());
            String html = render(block.html(), scope);
            htmlSlots.put(choice.slot(), new RawHtml(html));
            // Made only if the text layout shows the slot: converting HTML to text is not free.
            textSlots.put(choice.slot(), () -> new RawHtml(block.text().map(part -> render(part, scope))
                    .orElseGet(() -> HtmlToText.convert(html))));
        }
        String html = render(pack.html(), htmlSlots.isEmpty() ? scope : scope.withSlots(htmlSlots));
        String text = pack.text()
                .map(part -> render(part, textSlots.isEmpty() ? scope : scope.withSlots(new LazyValues(textSlots))))
                .orElseGet(() -> HtmlToText.convert(html));
        return new RenderedMessage(profile.id(), recipient, subject, preheader.map(p -> withPreheader(html, p)).orElse(html),
                text);
    }

    private String render(CompiledPart part, RenderScope in) {
        currentFile = part.file();
        return part.render(in);
    }

    /**
     * The preheader as the first, hidden element of the body: mail clients show it after the
     * subject in the inbox, and nobody sees it in the message.
     */
    static String withPreheader(String html, String preheader) {
        String hidden = "<div style=\"display:none;max-height:0;overflow:hidden;mso-hide:all\">"
                + HtmlEscaping.escape(preheader) + "</div>";
        Matcher body = BODY_TAG.matcher(html);
        return body.find() ? html.substring(0, body.end()) + hidden + html.substring(body.end()) : hidden + html;
    }

    /** A subject is one header line: line breaks from values or the file become spaces. */
    static String oneLine(String text) {
        StringBuilder out = null;
        boolean inSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = Character.isWhitespace(c) || c == '\u00A0';
            if (space && c != ' ' || space && inSpace) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                if (!inSpace) {
                    out.append(' ');
                }
            } else if (out != null) {
                out.append(c);
            }
            inSpace = space;
        }
        return (out == null ? text : out.toString()).strip();
    }
}
