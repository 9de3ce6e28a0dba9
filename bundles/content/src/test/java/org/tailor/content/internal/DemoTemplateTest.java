package org.tailor.content.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tailor.api.content.ExplainedMessage;
import org.tailor.api.model.Profile;
import org.tailor.api.model.RenderedMessage;

/** The distribution's demo pack passes lint and renders for complete and sparse profiles alike. */
class DemoTemplateTest {

    private static final Path DEMO = Path.of("../../distribution/src/main/resources/assembly/etc/tailor/templates");
    private static final Map<String, Object> VARIABLES = Map.of(
            "unsubscribe_url", "http://127.0.0.1:8181/tailor/consent/unsubscribe?token=x",
            "preferences_url", "http://127.0.0.1:8181/tailor/consent/preferences?token=x");
    static final String ENTHUSIAST = "event product_viewed where category = \"outdoor\" >= 5 times within 30 days";

    private final VelocityContentRenderer renderer = new TestTemplates(DEMO).renderer();
    private final ModularPackTest.Rules rules = new ModularPackTest.Rules();

    @BeforeEach
    void rules() {
        rules.add("country in [\"DE\", \"AT\", \"CH\"]", p -> java.util.List.of("DE", "AT", "CH").contains(p.attributes().getOrDefault("country", "")));
        rules.add("country = \"FR\"", p -> "FR".equals(p.attributes().get("country")));
        // Stands in for the event count the segment service would make.
        rules.add(ENTHUSIAST, p -> p.attributes().containsKey("enthusiast"));
        renderer.bindConditions(rules);
    }

    @AfterEach
    void stop() {
        renderer.deactivate();
    }

    @Test
    void thePackLoadsWithoutProblems() {
        assertThat(renderer.problems()).isEmpty();
        assertThat(renderer.templates()).contains("outdoor-picks", "cart-reminder");
    }

    @Test
    void rendersForAFullProfile() throws Exception {
        Profile ann = TestTemplates.profile(Map.of("first_name", "Ann", "city", "Berlin", "country", "DE", "locale", "de-DE",
                "enthusiast", "yes"));
        ExplainedMessage explained = renderer.explain("outdoor-picks", ann, "ann@example.com", VARIABLES);
        RenderedMessage message = explained.message();
        assertThat(message.subject()).isEqualTo("Ann, your outdoor picks are waiting");
        assertThat(message.html()).contains("Hi Ann,", "Free shipping", "to Berlin", "TRAIL15", "31. Dezember 2026",
                "/tailor/consent/unsubscribe", "Hand-picked for Berlin");
        assertThat(explained.slots()).extracting(s -> s.slot() + "=" + s.variant())
                .containsExactly("hero=dach", "offer=enthusiast", "footer=default");
    }

    @Test
    void rendersWithDefaultsWhenFieldsAreMissing() throws Exception {
        RenderedMessage message = renderer.render("outdoor-picks", TestTemplates.profile(Map.of()), "ann@example.com", VARIABLES);
        assertThat(message.subject()).isEqualTo("Hello, your outdoor picks are waiting");
        assertThat(message.html()).contains("Hi there,", "OUTDOOR10", "lighter tents", "Hand-picked for you");
        assertThat(message.text()).contains("Hi there,", "Unsubscribe (http://127.0.0.1:8181/tailor/consent/unsubscribe?token=x)")
                .doesNotContain("Hand-picked");
    }
}
