package org.tailor.content.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.tailor.content.internal.TestTemplates.ann;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tailor.api.content.RenderException;
import org.tailor.content.internal.HostileTemplate.Kind;

/**
 * Every template of the hostile corpus ({@code src/test/resources/hostile}, described in
 * {@link HostileTemplate}) goes through the real renderer, and is refused when it loads or
 * stopped within a cap when it renders, with an error that names the cap or what was refused.
 * No payload runs code (the markers it would touch stay untouched), no render is left running,
 * and the renderer renders a good template afterwards.
 */
class HostileTemplateTest {

    private static final Map<String, Object> VARIABLES = Map.of(
            "unsubscribe_url", "https://shop.example.com/unsubscribe?token=abc",
            "campaign", Map.of("id", "c1", "name", "Outdoor picks"));
    private static final String GOOD_HTML = "<p>Hi Ann</p>";
    private static final long WHOLE_CORPUS_TIMEOUT_MS = 10_000L;

    @TempDir
    Path dir;

    private Path markerFile;
    private final List<VelocityContentRenderer> started = new ArrayList<>();

    static Stream<HostileTemplate> corpus() throws IOException, URISyntaxException {
        Path folder = Path.of(HostileTemplateTest.class.getResource("/hostile").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".vm")).sorted().map(HostileTemplate::read).toList().stream();
        }
    }

    static Stream<HostileTemplate> controls() throws IOException, URISyntaxException {
        return corpus().filter(HostileTemplate::control);
    }

    @BeforeEach
    void setUp() {
        markerFile = dir.resolve("marker");
        clearMarkers();
    }

    @AfterEach
    void tearDown() {
        started.forEach(VelocityContentRenderer::deactivate);
        clearMarkers();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedOrStoppedAndRunsNoCode(HostileTemplate attack) throws Exception {
        Path templates = dir.resolve("templates");
        write(templates, "attack", attack);
        new TestTemplates(templates).pack("good", "Hi $profile.first_name", "<p>Hi $profile.first_name</p>");
        VelocityContentRenderer renderer = renderer(templates, attack.config());

        switch (attack.expect().kind()) {
            case PROBLEM -> {
                assertThat(renderer.problems()).singleElement().asString()
                        .startsWith("attack/body.html.vm:").contains(attack.expect().text());
                assertThat(renderer.templates()).containsExactly("good");
                assertThatThrownBy(() -> render(renderer, "attack")).isInstanceOf(RenderException.class)
                        .hasMessageStartingWith("template attack: not loaded: attack/body.html.vm:");
            }
            case FAILURE -> {
                assertThat(renderer.problems()).isEmpty();
                RenderException e = catchThrowableOfType(RenderException.class, () -> render(renderer, "attack"));
                assertThat(e).as("render failure").isNotNull();
                assertThat(e.getMessage()).startsWith("template attack: attack/body.html.vm")
                        .contains(attack.expect().text());
            }
            case OUTPUT -> {
                assertThat(renderer.problems()).isEmpty();
                assertThat(render(renderer, "attack")).isEqualTo(attack.expect().text());
            }
            default -> throw new IllegalStateException(attack.expect().kind().name());
        }

        assertNoCodeRan();
        awaitNoRenderRunning(renderer);
        assertThat(render(renderer, "good")).isEqualTo(GOOD_HTML);
    }

    /**
     * All of the corpus in one folder: the renderer starts, refuses what it must, renders the rest
     * one after the other (all but the time-limit attack, whose limit is set for it alone), and
     * still renders a good template.
     */
    @Test
    void oneRendererSurvivesTheWholeCorpus() throws Exception {
        Path templates = dir.resolve("templates");
        List<HostileTemplate> corpus = corpus().toList();
        for (HostileTemplate attack : corpus) {
            write(templates, attack.name(), attack);
        }
        new TestTemplates(templates).pack("good", "Hi $profile.first_name", "<p>Hi $profile.first_name</p>");
        // Generous, so that every cap but the time limit is reached first even on a slow machine.
        VelocityContentRenderer renderer = renderer(templates, Map.of("render.timeout.ms", WHOLE_CORPUS_TIMEOUT_MS));

        List<String> refused = corpus.stream().filter(a -> a.expect().kind() == Kind.PROBLEM)
                .map(HostileTemplate::name).toList();
        assertThat(renderer.problems()).hasSize(refused.size());
        refused.forEach(name -> assertThat(renderer.problems()).anySatisfy(p -> assertThat(p).startsWith(name + "/")));
        assertThat(renderer.templates()).contains("good").doesNotContainAnyElementsOf(refused);
        for (HostileTemplate attack : corpus) {
            if (attack.expect().kind() == Kind.FAILURE && !attack.expect().text().contains("render.timeout.ms")) {
                assertThatThrownBy(() -> render(renderer, attack.name())).as(attack.name())
                        .isInstanceOf(RenderException.class).hasMessageContaining(attack.expect().text());
            }
        }
        assertNoCodeRan();
        awaitNoRenderRunning(renderer);
        assertThat(render(renderer, "good")).isEqualTo(GOOD_HTML);
    }

    /** The markers can tell: without the sandbox, the control payloads do run code. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("controls")
    void withoutTheSandboxTheControlPayloadsRunCode(HostileTemplate attack) {
        VelocityEngine plain = new VelocityEngine();
        plain.init();
        Map<String, Object> values = new HashMap<>(VARIABLES);
        values.put("profile", new ProfileView(ann(), "ann@example.com"));

        plain.evaluate(new VelocityContext(values), new StringWriter(), attack.name(), attack.body(markerFile));

        assertThat(HostileMarker.touched() || System.getProperty(HostileTemplate.MARKER_PROPERTY) != null)
                .as("payload ran code without the sandbox").isTrue();
    }

    private VelocityContentRenderer renderer(Path templates, Map<String, Object> config) {
        VelocityContentRenderer renderer = new TestTemplates(templates).renderer(config);
        started.add(renderer);
        return renderer;
    }

    private static String render(VelocityContentRenderer renderer, String id) throws RenderException {
        return renderer.render(id, ann(), "ann@example.com", VARIABLES).html();
    }

    private void write(Path templates, String id, HostileTemplate attack) throws IOException {
        Path folder = Files.createDirectories(templates.resolve(id));
        Files.writeString(folder.resolve("subject.vm"), "Hi");
        Files.write(folder.resolve("body.html.vm"), attack.bytes(markerFile));
    }

    private void assertNoCodeRan() {
        assertThat(markerFile).as("file a payload would create").doesNotExist();
        assertThat(System.getProperty(HostileTemplate.MARKER_PROPERTY)).as("property a payload would set").isNull();
        assertThat(HostileMarker.touched()).as("static method a payload would call").isFalse();
    }

    /** Abandoned renders stop: every one of them notices its interrupt within one step. */
    private static void awaitNoRenderRunning(VelocityContentRenderer renderer) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (renderer.activeRenders() > 0) {
            assertThat(Instant.now()).as("abandoned render stopped before the deadline").isBefore(deadline);
            Thread.sleep(10);
        }
    }

    private static void clearMarkers() {
        HostileMarker.reset();
        System.clearProperty(HostileTemplate.MARKER_PROPERTY);
    }
}
