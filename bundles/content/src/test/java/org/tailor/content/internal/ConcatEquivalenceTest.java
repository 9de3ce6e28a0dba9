package org.tailor.content.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.velocity.Template;
import org.apache.velocity.runtime.parser.node.Node;
import org.junit.jupiter.api.Test;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;

/**
 * Direct concatenation must be indistinguishable from the engine: for random files of text and
 * merge fields and random recipients, both give the same text, or both fail with the same line.
 */
class ConcatEquivalenceTest {

    private static final int MAX = 10_000;
    private static final List<String> FIELDS = List.of(
            "$profile.first_name", "${profile.first_name}", "$!profile.first_name", "$!{profile.city}",
            "$profile.get(\"first_name\", \"there\")", "$profile.get('city', 'your town')", "$!profile.get(\"city\")",
            "$profile.get(\"points\", \"0\")", "$profile.points", "$profile.email", "$profile.id", "$profile",
            "$unsubscribe_url", "${unsubscribe_url}", "$raw.footer", "$raw.missing", "$!raw.missing", "$style.color",
            "$images.logo", "$style.missing", "$campaign.name", "$campaign.nothing", "$nobody", "$!nobody",
            "$profile.frist_name",
            "\n#foreach($item in $items)\n<li>$item.name ($!item.price)</li>\n#end\n",
            "#foreach($item in $items)$item, #{end}", "#foreach($profile in $items)$profile.name#{end}",
            "#foreach($item in $items)\n  #foreach($x in $items)$x.name#{end}\n#end\n", "#foreach($item in $nobody)x#{end}",
            "#foreach($item in $items)$foreach.count#{end}");
    private static final List<String> TEXTS = List.of("Hi ", ", ", "<p>", "</p>\n", " & < > \" ' ", "Grüße ", "50 $ off ",
            "email@example.com ", "\n\n", "# hash ", "$5 ", "100% ");

    private final SandboxedVelocity velocity = new SandboxedVelocity(1000);

    @Test
    void concatenationEqualsTheEngineForRandomFilesAndRecipients() throws Exception {
        Random random = new Random(20261123L);
        int compared = 0;
        int concatenated = 0;
        for (int file = 0; file < 400; file++) {
            String source = randomFile(random);
            Template template = velocity.compile("t/block.html.vm", source);
            // The parser reads a few odd spots (text glued to "${…}") as references: those files go to the engine.
            if (PartCompiler.pieces((Node) template.getData(), source).isPresent()) {
                concatenated++;
            }
            for (boolean html : new boolean[] {true, false}) {
                CompiledPart concat = PartCompiler.compile(new PackFiles.Parsed("t/block.html.vm", template, source), html);
                VelocityPart engine = new VelocityPart("t/block.html.vm", template, html, true);
                for (int recipient = 0; recipient < 10; recipient++) {
                    RenderScope scope = scope(randomProfile(random));
                    assertThat(outcome(concat, scope)).as(source).isEqualTo(outcome(engine, scope));
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(8000);
        assertThat(concatenated).as("most random files are text and fields only").isGreaterThan(300);
    }

    @Test
    void filesWithDirectivesOrMethodCallsAreLeftToTheEngine() throws Exception {
        for (String source : List.of("#if($profile.city)x#end", "#foreach($i in $items)$foreach.count#end", "$profile.first_name.toUpperCase()", "#set($a = 1)$a",
                "${profile.first_name|'there'}", "$profile.class", "\\$profile.first_name", "$profile.get($x)")) {
            Template template = velocity.compile("t/b.html.vm", source);
            assertThat(PartCompiler.compile(new PackFiles.Parsed("t/b.html.vm", template, source), true)).as(source)
                    .isNotInstanceOf(ConcatPart.class);
        }
    }

    private String outcome(CompiledPart part, RenderScope scope) {
        try {
            return "ok:" + part.render(scope);
        } catch (RuntimeException e) {
            return "failed:" + RenderFailures.describe(part.file(), e);
        }
    }

    private static String randomFile(Random random) {
        StringBuilder out = new StringBuilder();
        int pieces = 1 + random.nextInt(8);
        for (int i = 0; i < pieces; i++) {
            out.append(random.nextBoolean() ? TEXTS.get(random.nextInt(TEXTS.size())) : FIELDS.get(random.nextInt(FIELDS.size())));
        }
        return out.toString();
    }

    private static Profile randomProfile(Random random) {
        Map<String, Object> attributes = new HashMap<>();
        List<Object> names = List.of("Ann", "  ", "<b>Zoë</b>", "O'Brien & Co", "");
        if (random.nextInt(4) > 0) {
            Object name = names.get(random.nextInt(names.size()));
            if (!"".equals(name)) {
                attributes.put("first_name", name);
            }
        }
        if (random.nextBoolean()) {
            attributes.put("city", random.nextBoolean() ? "Köln" : "\"Paris\"");
        }
        if (random.nextBoolean()) {
            attributes.put("points", random.nextBoolean() ? new BigDecimal("1E+3") : Double.valueOf(12.5));
        }
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Set<Identity> identities = random.nextBoolean() ? Set.of(new Identity(Identity.EMAIL, "ann@example.com")) : Set.of();
        return new Profile("p" + random.nextInt(100), identities, attributes, t, t);
    }

    private RenderScope scope(Profile profile) {
        Map<String, Object> given = new HashMap<>();
        given.put("unsubscribe_url", "https://shop.example.com/u?t=a&b=<c>");
        given.put("footer", "<em>trusted</em>");
        given.put("campaign", TemplateValues.readOnly(Map.of("name", "Spring & more")));
        switch (new Random(profile.id().hashCode()).nextInt(5)) {
            case 0 -> given.put("items", TemplateValues.readOnly(List.of(Map.of("name", "Tent <2p>", "price", "99"),
                    Map.of("name", "Boots & socks"))));
            case 1 -> given.put("items", List.of());
            case 2 -> given.put("items", "not a list");
            case 3 -> given.put("items", TemplateValues.readOnly(java.util.Collections.nCopies(1_001, Map.of("name", "x"))));
            default -> { }
        }
        Map<String, Object> values = new HashMap<>(given);
        values.put("profile", new ProfileView(profile, "fallback@example.com"));
        values.put("raw", new RawVariables(Map.copyOf(given)));
        values.put("style", Map.of("color", "#1a7f37"));
        values.put("images", Map.of("logo", "https://cdn.example.com/logo.png?a=1&b=2"));
        return new RenderScope(velocity, values, new RenderScope.Limits(MAX, 1_000_000, 2_000, 1000), new java.util.LinkedHashSet<>(new ArrayList<String>()));
    }
}
