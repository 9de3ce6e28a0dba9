package org.tailor.content.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.tailor.api.content.RenderException;
import org.tailor.api.model.RenderedMessage;

/** What holds for every value a profile field can have, however hostile. */
class MergeFieldPropertiesTest {

    private static Path dir;
    private static VelocityContentRenderer renderer;

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("tailor-templates");
        new TestTemplates(dir)
                .pack("plain", "$profile.first_name", "$profile.first_name")
                .pack("markup", "Hi", "<p title='$profile.first_name' data-x=\"$profile.first_name\">$profile.first_name</p>");
        renderer = new TestTemplates(dir).renderer();
    }

    @AfterContainer
    static void stop() throws IOException {
        renderer.deactivate();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static RenderedMessage render(String template, String firstName) throws RenderException {
        return renderer.render(template, TestTemplates.profile(Map.of("first_name", firstName)), "a@example.com", Map.of());
    }

    @Property
    void unescapingTheHtmlGivesBackTheValue(@ForAll String value) throws RenderException {
        if (value.isBlank()) {
            // A blank field reads as missing, and a field without a default must have a value.
            assertThatThrownBy(() -> render("plain", value))
                    .isInstanceOf(RenderException.class)
                    .hasMessageContaining("$profile.first_name has no value");
            return;
        }
        assertThat(HtmlEscaping.unescape(render("plain", value).html())).isEqualTo(value);
    }

    @Property
    void aValueNeverAddsMarkupToTheHtml(@ForAll String value) throws RenderException {
        String html = render("markup", value.isBlank() ? value + "x" : value).html();

        // Only the template's own two tags and its attribute quotes survive unescaped.
        assertThat(html.chars().filter(c -> c == '<')).hasSize(2);
        assertThat(html.chars().filter(c -> c == '>')).hasSize(2);
        assertThat(html.chars().filter(c -> c == '\'')).hasSize(2);
        assertThat(html.chars().filter(c -> c == '"')).hasSize(2);
        assertThat(html).startsWith("<p title='").endsWith("</p>");
    }

    @Property
    void escapeAndUnescapeAreInverse(@ForAll String value) {
        assertThat(HtmlEscaping.unescape(HtmlEscaping.escape(value))).isEqualTo(value);
    }

    @Property
    void escapedTextHasNoMarkupCharacters(@ForAll String value) {
        assertThat(HtmlEscaping.escape(value)).doesNotContain("<", ">", "\"", "'");
    }
}
