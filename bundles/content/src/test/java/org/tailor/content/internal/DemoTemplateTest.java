package org.tailor.content.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tailor.api.model.RenderedMessage;

/** The distribution's demo template renders for complete and sparse profiles alike. */
class DemoTemplateTest {

    private static final Path DEMO = Path.of("../../distribution/src/main/resources/assembly/etc/tailor/templates");
    private static final Map<String, Object> VARIABLES = Map.of("unsubscribe_url", "http://127.0.0.1:8181/tailor/unsubscribe?t=x");

    private final VelocityContentRenderer renderer = new TestTemplates(DEMO).renderer();

    @AfterEach
    void stop() {
        renderer.deactivate();
    }

    @Test
    void rendersForAFullProfile() throws Exception {
        RenderedMessage message = renderer.render("outdoor-picks", TestTemplates.ann(), "ann@example.com", VARIABLES);
        assertThat(message.subject()).isEqualTo("Ann, your outdoor picks are waiting");
        assertThat(message.html()).contains("Hi Ann,", "Free shipping", "to Berlin", "/tailor/unsubscribe");
    }

    @Test
    void rendersWithDefaultsWhenFieldsAreMissing() throws Exception {
        RenderedMessage message = renderer.render("outdoor-picks", TestTemplates.profile(Map.of()), "ann@example.com", VARIABLES);
        assertThat(message.subject()).isEqualTo("Hello, your outdoor picks are waiting");
        assertThat(message.html()).contains("Hi there,", "OUTDOOR10");
    }
}
