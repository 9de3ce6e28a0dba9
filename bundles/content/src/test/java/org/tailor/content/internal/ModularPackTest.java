package org.tailor.content.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.consent.AttributeScope;
import org.tailor.api.content.ExperimentAssignment;
import org.tailor.api.content.ExplainedMessage;
import org.tailor.api.content.RenderException;
import org.tailor.api.content.SlotChoice;
import org.tailor.api.model.Profile;
import org.tailor.api.model.RenderedMessage;
import org.tailor.api.segment.ConditionCompiler;
import org.tailor.api.segment.ExplainStep;
import org.tailor.api.segment.ProfileCondition;

/** Modular packs: layout, slots, variants chosen by rules and experiments, blocks, lint and explain. */
class ModularPackTest {

    static final String MANIFEST = """
            {
              "purpose": "email_marketing",
              "style": {"brand_color": "#1a7f37"},
              "images": {"logo": "https://cdn.example.com/logo.png"},
              "experiments": {"hero-test": {"A": 50, "B": 50}},
              "slots": {
                "hero": {
                  "variants": [
                    {"id": "b-arm", "experiment": "hero-test", "arm": "B", "priority": 5, "block": "hero-b"},
                    {"id": "dach", "when": "country in [\\"DE\\", \\"AT\\", \\"CH\\"]", "priority": 20, "block": "hero-dach"}
                  ],
                  "default": "hero-generic"
                },
                "footer": {"default": "footer"}
              }
            }
            """;
    static final Map<String, Object> VARIABLES = Map.of("unsubscribe_url", "https://shop.example.com/u?t=1&x=2");

    @TempDir
    Path root;

    private TestTemplates files;
    private final Rules rules = new Rules();
    private final List<VelocityContentRenderer> started = new ArrayList<>();

    @BeforeEach
    void setUp() {
        files = new TestTemplates(root);
        rules.add("country in [\"DE\", \"AT\", \"CH\"]", p -> List.of("DE", "AT", "CH").contains(p.attributes().getOrDefault("country", "")));
        writePack("spring");
    }

    @AfterEach
    void tearDown() {
        started.forEach(VelocityContentRenderer::deactivate);
    }

    private void writePack(String id) {
        files.write(id, "pack.json", MANIFEST)
                .write(id, "subject.vm", "$profile.get(\"first_name\", \"Hello\"), spring is here")
                .write(id, "preheader.vm", "New picks for $profile.get(\"city\", \"you\")")
                .write(id, "layout.html.vm", "<html><body style=\"color: $style.brand_color\"><img src=\"$images.logo\">"
                        + "$slot.hero<hr>$slot.footer</body></html>")
                .write(id, "blocks/hero-dach.html.vm", "<p>Hallo $profile.get(\"first_name\", \"du\")! Gratis Versand.</p>")
                .write(id, "blocks/hero-b.html.vm", "<p>Arm B for $profile.get(\"first_name\", \"you\")</p>")
                .write(id, "blocks/hero-generic.html.vm", "<p>Hi $profile.get(\"first_name\", \"there\")</p>")
                .write(id, "blocks/footer.html.vm", "<p><a href=\"$unsubscribe_url\">Unsubscribe</a></p>");
    }

    private VelocityContentRenderer renderer(boolean personalized) {
        VelocityContentRenderer renderer = files.renderer(Map.of(), id -> personalized
                ? new AttributeScope(true, Set.of(), "personalization granted")
                : new AttributeScope(false, Set.of("first_name"), "no personalization consent: generic attributes only"));
        renderer.bindConditions(rules);
        started.add(renderer);
        return renderer;
    }

    private static Profile person(String id, Map<String, Object> attributes) {
        return new Profile(id, Set.of(new org.tailor.api.model.Identity("email", id + "@example.com")), attributes,
                java.time.Instant.EPOCH, java.time.Instant.EPOCH);
    }

    /** A profile id in the given arm of hero-test. */
    private static String idInArm(String arm) {
        Map<String, Integer> arms = new java.util.LinkedHashMap<>();
        arms.put("A", 50);
        arms.put("B", 50);
        for (int i = 0; i < 1000; i++) {
            if (ExperimentAssignment.armOf("hero-test", "p" + i, arms).equals(arm)) {
                return "p" + i;
            }
        }
        throw new IllegalStateException("no id in arm " + arm);
    }

    @Test
    void theHighestPriorityMatchingVariantFillsEachSlotAndTheTraceSaysWhy() throws Exception {
        VelocityContentRenderer renderer = renderer(true);
        assertThat(renderer.problems()).isEmpty();

        Profile berliner = person(idInArm("B"), Map.of("first_name", "Ann", "country", "DE", "city", "Berlin"));
        ExplainedMessage explained = renderer.explain("spring", berliner, "ann@example.com", VARIABLES);
        RenderedMessage message = explained.message();
        assertThat(message.subject()).isEqualTo("Ann, spring is here");
        assertThat(message.html()).startsWith("<html><body style=\"color: #1a7f37\"><div style=\"display:none")
                .contains("New picks for Berlin</div>", "<img src=\"https://cdn.example.com/logo.png\">",
                        "<p>Hallo Ann! Gratis Versand.</p><hr>", "href=\"https://shop.example.com/u?t=1&amp;x=2\"");
        assertThat(message.text()).doesNotContain("New picks").contains("Hallo Ann! Gratis Versand.");
        assertThat(explained.slots()).extracting(SlotChoice::slot, SlotChoice::variant, SlotChoice::block)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hero", "dach", "hero-dach"),
                        org.assertj.core.groups.Tuple.tuple("footer", "default", "footer"));
        assertThat(explained.slots().get(0).reason()).contains("'country in [\"DE\", \"AT\", \"CH\"]' is true", "priority 20");

        Profile parisianInB = person(idInArm("B"), Map.of("country", "FR"));
        ExplainedMessage b = renderer.explain("spring", parisianInB, "x@example.com", VARIABLES);
        assertThat(b.slots().get(0).variant()).isEqualTo("b-arm");
        assertThat(b.message().html()).contains("<p>Arm B for you</p>");
        assertThat(b.defaultedFields()).contains("$profile.first_name", "$profile.city");

        Profile parisianInA = person(idInArm("A"), Map.of("country", "FR", "first_name", "Zoë"));
        ExplainedMessage a = renderer.explain("spring", parisianInA, "z@example.com", VARIABLES);
        assertThat(a.slots().get(0)).satisfies(choice -> {
            assertThat(choice.variant()).isEqualTo("default");
            assertThat(choice.reason()).contains("dach: 'country in", "is false", "b-arm: in arm A of experiment hero-test");
        });
        assertThat(renderer.render("spring", parisianInA, "z@example.com", VARIABLES)).isEqualTo(a.message());
    }

    @Test
    void withoutPersonalizationConsentRulesAreNotUsedButTheExperimentStill() throws Exception {
        VelocityContentRenderer renderer = renderer(false);
        Profile berlinerInA = person(idInArm("A"), Map.of("first_name", "Ann", "country", "DE"));
        ExplainedMessage explained = renderer.explain("spring", berlinerInA, "ann@example.com", VARIABLES);
        assertThat(explained.slots().get(0).variant()).isEqualTo("default");
        assertThat(explained.slots().get(0).reason()).contains("no personalization consent");
        assertThat(explained.personalization()).contains("generic attributes only");
        assertThat(explained.message().html()).contains("<p>Hi Ann</p>");
        Profile berlinerInB = person(idInArm("B"), Map.of("country", "DE"));
        assertThat(renderer.explain("spring", berlinerInB, "b@example.com", VARIABLES).slots().get(0).variant()).isEqualTo("b-arm");
    }

    @Test
    void sharedBlocksAreUsedAndAChangeToOneReloadsThePack() throws Exception {
        files.write("_blocks", "footer.html.vm", "<p>Shared footer <a href=\"$unsubscribe_url\">stop</a></p>");
        files.write("spring", "blocks/footer.html.vm", "");
        java.nio.file.Files.delete(root.resolve("spring/blocks/footer.html.vm"));
        VelocityContentRenderer renderer = renderer(true);
        assertThat(renderer.templates()).containsExactly("spring");
        Profile p = person("p1", Map.of("country", "FR"));
        assertThat(renderer.render("spring", p, "a@example.com", VARIABLES).html()).contains("Shared footer");

        files.write("_blocks", "footer.html.vm", "<p>New shared footer <a href=\"$unsubscribe_url\">stop</a></p>");
        renderer.rescan();
        assertThat(renderer.render("spring", p, "a@example.com", VARIABLES).html()).contains("New shared footer");
    }

    @Test
    void lintRefusesAPackWithProblemsAndKeepsThePreviousVersionLive() throws Exception {
        VelocityContentRenderer renderer = renderer(true);
        Profile p = person("p1", Map.of("country", "FR", "first_name", "Ann"));
        String before = renderer.render("spring", p, "a@example.com", VARIABLES).html();

        files.write("spring", "pack.json", """
                {"slots": {
                   "hero": {"variants": [
                       {"id": "all", "priority": 9, "block": "hero-generic"},
                       {"id": "dach", "when": "country in [\\"DE\\", \\"AT\\", \\"CH\\"]", "block": "hero-dach"},
                       {"id": "typo", "when": "county = 1", "block": "hero-dach"}]},
                   "footer": {"default": "footer"},
                   "sidebar": {"default": "missing-block"}}}
                """);
        files.write("spring", "blocks/hero-b.html.vm", "<p>$profile.frist_name and $profile.first_name</p>");
        files.write("spring", "blocks/footer.html.vm", "<p>no link</p>");
        renderer.rescan();

        assertThat(renderer.problems()).anySatisfy(l -> assertThat(l).startsWith("spring/pack.json:2:").contains(
                        "slots.hero: slot has no default block"))
                .anySatisfy(l -> assertThat(l).contains("slots.hero.variants[1]: variant 'dach' can never be chosen: "
                        + "variant 'all' before it has no rule"))
                .anySatisfy(l -> assertThat(l).contains("slots.sidebar: block 'missing-block' is neither in spring/blocks/"));
        rescanAfterFixingBlocks(renderer);
        assertThat(renderer.problems())
                .anySatisfy(l -> assertThat(l).startsWith("spring/blocks/hero-b.html.vm:1:4: unknown merge field $profile.frist_name"))
                .anySatisfy(l -> assertThat(l).contains("spring/blocks/hero-b.html.vm:1:28: merge field $profile.first_name has no default"))
                .anySatisfy(l -> assertThat(l).contains("the layout never shows this slot: add $slot.sidebar"))
                .anySatisfy(l -> assertThat(l).contains("must link to $unsubscribe_url"))
                .anySatisfy(l -> assertThat(l).startsWith("spring/pack.json slots.hero.variants[2].when:1:1: unknown rule"));
        assertThat(renderer.render("spring", p, "a@example.com", VARIABLES).html()).as("the last good version").isEqualTo(before);
    }

    private void rescanAfterFixingBlocks(VelocityContentRenderer renderer) {
        files.write("spring", "blocks/missing-block.html.vm", "<p>side</p>");
        renderer.rescan();
    }

    @Test
    void manifestErrorsNameLineColumnAndPath() {
        files.write("spring", "pack.json", "{\"slots\": {\"hero\": {\"variants\": [{\"id\": \"x\", \"block\": \"b\", \"prio\": 1}]}}}");
        assertThat(renderer(true).problems()).singleElement().asString()
                .startsWith("spring/pack.json:1:").contains("slots.hero.variants[0].prio: unknown key");
        files.write("spring", "pack.json", "{\"experiments\": {\"t\": {\"A\": 1}}}");
        VelocityContentRenderer second = renderer(true);
        assertThat(second.problems()).singleElement().asString().contains("experiments.t: an experiment needs at least two arms");
        files.write("spring", "pack.json", "{\"images\": {\"logo\": \"javascript:alert(1)\"}}");
        assertThat(renderer(true).problems()).singleElement().asString().contains("images.logo: an image must be an absolute http(s) URL");
        files.write("spring", "pack.json", "{\"slots\": {\"hero\": {\"variants\": [{\"id\": \"x\", \"experiment\": \"nope\", "
                + "\"arm\": \"A\", \"block\": \"hero-b\"}], \"default\": \"hero-generic\"}}}");
        assertThat(renderer(true).problems()).anySatisfy(l -> assertThat(l).contains("experiment 'nope' is not declared"));
        files.write("spring", "pack.json", "{\"slots\": {} ,}");
        assertThat(renderer(true).problems()).singleElement().asString().startsWith("spring/pack.json:1:").contains("not valid JSON");
    }

    @Test
    void rulesWaitForTheSegmentService() throws Exception {
        VelocityContentRenderer renderer = files.renderer(Map.of());
        started.add(renderer);
        assertThat(renderer.templates()).isEmpty();
        assertThat(renderer.problems()).anySatisfy(l -> assertThat(l).contains("rules need the segment service"));
        renderer.bindConditions(rules);
        assertThat(renderer.templates()).containsExactly("spring");
        renderer.unbindConditions(rules);
        assertThat(renderer.problems()).isNotEmpty();
        assertThat(renderer.templates()).as("the last good version stays").containsExactly("spring");
    }

    @Test
    void experimentArmsAreStableAndProportionalToTheirWeights() {
        Map<String, Integer> arms = new java.util.LinkedHashMap<>();
        arms.put("A", 70);
        arms.put("B", 20);
        arms.put("holdout", 10);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String arm = ExperimentAssignment.armOf("subject-test", "profile-" + i, arms);
            assertThat(ExperimentAssignment.armOf("subject-test", "profile-" + i, arms)).isEqualTo(arm);
            counts.merge(arm, 1, Integer::sum);
        }
        assertThat(counts.get("A")).isBetween(13_600, 14_400);
        assertThat(counts.get("B")).isBetween(3_700, 4_300);
        assertThat(counts.get("holdout")).isBetween(1_800, 2_200);
        assertThatThrownBy(() -> ExperimentAssignment.armOf("t", "p", Map.of("A", 0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBrokenRuleAtRenderTimeFailsThatRecipientWithTheReason() throws Exception {
        VelocityContentRenderer renderer = renderer(true);
        rules.failing = true;
        assertThatThrownBy(() -> renderer.render("spring", person("p1", Map.of()), "a@example.com", VARIABLES))
                .isInstanceOf(RenderException.class).hasMessageContaining("choosing the variants failed: events unreadable");
    }

    /** Rules the tests define by their text, as the segment service would compile them. */
    static final class Rules implements ConditionCompiler {
        private final Map<String, Predicate<Profile>> known = new HashMap<>();
        volatile boolean failing;

        void add(String rule, Predicate<Profile> test) {
            known.put(rule, test);
        }

        @Override
        public ProfileCondition compile(String source, String rule) {
            Predicate<Profile> test = known.get(rule);
            if (test == null) {
                throw new IllegalArgumentException(source + ":1:1: unknown rule '" + rule + "'");
            }
            return new ProfileCondition() {
                @Override
                public String rule() {
                    return rule;
                }

                @Override
                public boolean test(Profile profile) {
                    if (failing) {
                        throw new IllegalStateException("events unreadable");
                    }
                    return test.test(profile);
                }

                @Override
                public ExplainStep explain(Profile profile) {
                    return new ExplainStep(rule, "", test(profile), List.of());
                }
            };
        }
    }
}
