package org.tailor.content.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tailor.content.internal.TestTemplates.ann;
import static org.tailor.content.internal.TestTemplates.profile;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.velocity.Template;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.content.RenderException;
import org.tailor.api.model.Profile;

/**
 * The load-time rules and render-time budgets added against the hostile corpus leave ordinary
 * templates alone, stop at their configured values, and say which limit was reached.
 */
class SandboxLimitsTest {

    private static final Map<String, Object> VARIABLES = Map.of(
            "campaign", Map.of("id", "c1", "name", "Outdoor picks"),
            "products", List.of(Map.of("name", "Tent", "price", new BigDecimal("199.5")),
                    Map.of("name", "Stove", "price", new BigDecimal("49"))));

    @TempDir
    Path dir;

    private final List<VelocityContentRenderer> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(VelocityContentRenderer::deactivate);
    }

    private String html(String body, Profile profile) throws RenderException {
        return html(Map.of(), body, profile);
    }

    private String html(Map<String, Object> config, String body, Profile profile) throws RenderException {
        TestTemplates files = new TestTemplates(dir).pack("t", "Hi", body);
        VelocityContentRenderer renderer = files.renderer(config);
        started.add(renderer);
        assertThat(renderer.problems()).isEmpty();
        return renderer.render("t", profile, "ann@example.com", VARIABLES).html();
    }

    private List<String> problems(String body) {
        VelocityContentRenderer renderer = new TestTemplates(dir).pack("t", "Hi", body).renderer();
        started.add(renderer);
        return renderer.problems();
    }

    // What ordinary templates do keeps working

    @Test
    void listsMapsAndRangesWhereTheyAreMeasuredOrConstant() throws Exception {
        String body = "#foreach($t in $profile.get(\"tags\", []))$t#end"
                + "#set($r = [1..3])#foreach($i in $r)$i#end"
                + "#set($n = 2)#foreach($i in [1..$n])-$i#end"
                + "#set($m = {\"who\": $profile.first_name})$m.who"
                + "#if($campaign.getOrDefault(\"nope\", \"x\") == \"x\") ok#end"
                + "#if([\"DE\", 1] == [\"DE\", 1]) same#end"
                + "#macro(list $items)#foreach($i in $items)[$i]#end#end#list([$profile.city, \"x\"])";

        assertThat(html(body, ann())).isEqualTo("123-1-2Ann ok same[Berlin][x]");
    }

    @Test
    void macrosBlockMacrosAndRecursionWithinTheDepth() throws Exception {
        String body = "#macro(box)<div>$bodyContent</div>#end#@box()Hi $profile.first_name#end"
                + "#macro(down $n)#if($n > 0)$n#set($m = $n - 1)#down($m)#end#end#down(19)";

        assertThat(html(body, ann())).isEqualTo("<div>Hi Ann</div>19181716151413121110987654321");
    }

    @Test
    void arithmeticSearchesAndDecimals() throws Exception {
        String body = "#set($total = 0)#foreach($p in $products)#set($total = $total + $p.price)#end$total"
                + " $products.get(0).price.setScale(2)"
                + " #set($x = 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16 + 17)$x"
                + " $profile.email.contains(\"@\") $profile.email.indexOf(\"example\")";

        assertThat(html(body, ann())).isEqualTo("248.5 199.50 153 true 4");
    }

    @Test
    void blocksNestedUpToTheLimit() throws Exception {
        String body = "#if(true)".repeat(20) + "deep" + "#end".repeat(20);

        assertThat(html(body, ann())).isEqualTo("deep");
    }

    // Refused when the file loads, with the reason and the place

    @Test
    void seventeenOperatorsInOneExpressionAreRefused() {
        assertThat(problems("<p>\n#set($x = 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18)"))
                .singleElement().asString().startsWith("t/body.html.vm:2:")
                .endsWith("an expression with 17 arithmetic operators; at most 16 are allowed (use #set for the parts)");
    }

    @Test
    void aListOfValuesAsAnArgumentIsRefusedButStoredFirstItIsFine() throws Exception {
        assertThat(problems("$profile.get(\"x\", [$profile.city])")).containsExactly(
                "t/body.html.vm:1:19: a list or map used here can hold only constants; #set it first to use values in it");
        assertThat(html("#set($d = [$profile.city])$profile.get(\"x\", $d)", ann())).isEqualTo("[Berlin]");
    }

    @Test
    void bodyContentInAConditionIsRefused() {
        assertThat(problems("#macro(m)#if($bodyContent)x#end#end"))
                .containsExactly("t/body.html.vm:1:14: $bodyContent can only be written out as it is, "
                        + "not used in an expression, stored or passed on");
    }

    // Limits that are set on the engine and the context

    @Test
    void theNestingLimitIsConfigurable() throws Exception {
        SandboxedVelocity velocity = new SandboxedVelocity(1000, 3);

        velocity.compile("t/body.html.vm", "#if(true)#if(true)#if(true)x#end#end#end");
        assertThatThrownBy(() -> velocity.compile("t/body.html.vm", "#if(true)#if(true)#if(true)#if(true)x#end#end#end#end"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessage("t/body.html.vm:1:28: blocks (#if, #foreach, #macro) are nested more than 3 deep (max.nesting)");
    }

    @Test
    void theMacroDepthFollowsTheNestingLimit() throws Exception {
        SandboxedVelocity velocity = new SandboxedVelocity(1000, 3);
        Template template = velocity.compile("t/body.html.vm",
                "#macro(down $n)#if($n > 0)#set($m = $n - 1)#down($m)#end#end#down($depth)");

        merge(velocity, template, Map.of("depth", 2), 100_000);
        assertThatThrownBy(() -> merge(velocity, template, Map.of("depth", 3), 100_000))
                .satisfies(e -> assertThat(RenderFailures.describe("t/body.html.vm", e))
                        .endsWith("macro #down calls macros more than 3 deep (max.nesting)"));
    }

    @Test
    void theStepBudgetIsConfigurable() throws Exception {
        SandboxedVelocity velocity = new SandboxedVelocity(1000);
        Template template = velocity.compile("t/body.html.vm", "#foreach($i in [1..$turns])#end");

        merge(velocity, template, Map.of("turns", 49), 50);
        assertThatThrownBy(() -> merge(velocity, template, Map.of("turns", 50), 50))
                .satisfies(e -> assertThat(RenderFailures.describe("t/body.html.vm", e)).isEqualTo(
                        "t/body.html.vm: more than 50 steps (loop turns, values set and macro calls) in one part "
                                + "(max.render.steps)"));
    }

    @Test
    void aWrittenValueIsMeasuredAgainstThePartsOutputLimit() {
        RenderException e = org.assertj.core.api.Assertions.catchThrowableOfType(RenderException.class,
                () -> html(Map.of("max.output.chars", 100), "$profile.get(\"x\", [" + "1, ".repeat(60) + "1])", ann()));

        assertThat(e).hasMessage("template t: t/body.html.vm: $profile.get(\"x\", [" + "1, ".repeat(60) + "1]) "
                + "would be more than 100 characters long when written (max.output.chars)");
    }

    @Test
    void aMinimalProfileStillRenders() throws Exception {
        assertThat(html("Hi ${profile.first_name|'there'}", profile(Map.of()))).isEqualTo("Hi there");
    }

    private static String merge(SandboxedVelocity velocity, Template template, Map<String, Object> values, int maxSteps) {
        StringWriter out = new StringWriter();
        velocity.merge(template, new TemplateContext(new java.util.HashMap<>(values), 10_000, maxSteps), out);
        return out.toString();
    }
}
