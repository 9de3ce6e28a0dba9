package org.tailor.content.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tailor.content.internal.TestTemplates.ann;
import static org.tailor.content.internal.TestTemplates.profile;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.content.RenderException;
import org.tailor.api.model.Profile;
import org.tailor.api.consent.AttributeScope;
import org.tailor.api.model.RenderedMessage;

class VelocityContentRendererTest {

    private static final Map<String, Object> VARIABLES = Map.of(
            "unsubscribe_url", "https://shop.example.com/unsubscribe?token=abc&x=1",
            "campaign", Map.of("id", "c1", "name", "Outdoor picks"));

    @TempDir
    Path dir;

    private TestTemplates files;
    private final List<VelocityContentRenderer> started = new ArrayList<>();

    @BeforeEach
    void setUp() {
        files = new TestTemplates(dir);
    }

    @AfterEach
    void stopRenderers() {
        started.forEach(VelocityContentRenderer::deactivate);
    }

    private VelocityContentRenderer renderer(Map<String, Object> properties) {
        VelocityContentRenderer renderer = files.renderer(properties);
        started.add(renderer);
        return renderer;
    }

    private VelocityContentRenderer renderer() {
        return renderer(Map.of());
    }

    private static RenderedMessage render(VelocityContentRenderer renderer, String id, Profile profile)
            throws RenderException {
        return renderer.render(id, profile, "ann@example.com", VARIABLES);
    }

    private String html(String body, Profile profile) throws RenderException {
        files.pack("t", "Subject", body);
        return render(renderer(), "t", profile).html();
    }

    private RenderException failure(String body, Profile profile) {
        return failure(Map.of(), body, profile);
    }

    private RenderException failure(Map<String, Object> config, String body, Profile profile) {
        files.pack("t", "Subject", body);
        VelocityContentRenderer renderer = renderer(config);
        assertThat(renderer.problems()).isEmpty();
        try {
            render(renderer, "t", profile);
        } catch (RenderException e) {
            return e;
        }
        throw new AssertionError("render did not fail");
    }

    // Loading

    @Test
    void loadsEveryPackAtActivation() {
        files.pack("welcome", "Hi", "<p>Hi</p>").pack("outdoor-picks", "Hi", "<p>Hi</p>");

        VelocityContentRenderer renderer = renderer();

        assertThat(renderer.templates()).containsExactly("outdoor-picks", "welcome");
        assertThat(renderer.problems()).isEmpty();
    }

    @Test
    void anEmptyOrMissingFolderHasNoTemplates() {
        files = new TestTemplates(dir.resolve("not-there"));

        VelocityContentRenderer renderer = renderer();

        assertThat(renderer.templates()).isEmpty();
        assertThat(renderer.problems()).isEmpty();
    }

    @Test
    void aMissingRequiredFileIsAProblem() {
        files.write("half", "subject.vm", "Hi");

        VelocityContentRenderer renderer = renderer();

        assertThat(renderer.templates()).isEmpty();
        assertThat(renderer.problems()).containsExactly("half/body.html.vm:1:1: required file is missing");
        assertThatThrownBy(() -> render(renderer, "half", ann()))
                .isInstanceOf(RenderException.class)
                .hasMessage("template half: not loaded: half/body.html.vm:1:1: required file is missing");
    }

    @Test
    void anUnknownTemplateFails() {
        VelocityContentRenderer renderer = renderer();

        assertThatThrownBy(() -> render(renderer, "nope", ann()))
                .isInstanceOf(RenderException.class)
                .hasMessageStartingWith("template nope: no such template in " + dir);
    }

    @Test
    void aParseErrorIsReportedWithFileLineAndColumn() {
        files.pack("good", "Hi", "<p>Hi</p>")
                .pack("bad", "Hi", "<p>\n#if($profile.first_name)\n<b>no end</b>");

        VelocityContentRenderer renderer = renderer();

        assertThat(renderer.templates()).containsExactly("good");
        assertThat(renderer.problems()).containsExactly(
                "bad/body.html.vm:3:14: unexpected end of file (is an #end or a closing bracket missing?)");
    }

    @Test
    void everyBrokenFileOfAPackIsReported() {
        files.pack("bad", "Hi #if($profile.vip)VIP", "#end").write("bad", "body.txt.vm", "#foreach($x in)#end");

        assertThat(renderer().problems()).containsExactly(
                "bad/subject.vm:1:24: unexpected end of file (is an #end or a closing bracket missing?)",
                "bad/body.html.vm:1:1: unexpected \"#end\"",
                "bad/body.txt.vm:1:9: Too few arguments to the #foreach directive");
    }

    @Test
    void aReloadKeepsTheLastGoodVersionLive() throws Exception {
        files.pack("t", "Version 1", "<p>one</p>");
        VelocityContentRenderer renderer = renderer();
        assertThat(render(renderer, "t", ann()).html()).isEqualTo("<p>one</p>");

        files.write("t", "body.html.vm", "<p>two</p>\n#if(\n");
        renderer.rescan();

        assertThat(renderer.problems()).containsExactly(
                "t/body.html.vm:3:1: unexpected end of file (is an #end or a closing bracket missing?)");
        assertThat(renderer.templates()).containsExactly("t");
        RenderedMessage stillOld = render(renderer, "t", ann());
        assertThat(stillOld.subject()).isEqualTo("Version 1");
        assertThat(stillOld.html()).isEqualTo("<p>one</p>");

        files.write("t", "subject.vm", "Version 3").write("t", "body.html.vm", "<p>three</p>");
        renderer.rescan();

        assertThat(renderer.problems()).isEmpty();
        assertThat(render(renderer, "t", ann()).html()).isEqualTo("<p>three</p>");
        assertThat(render(renderer, "t", ann()).subject()).isEqualTo("Version 3");
    }

    @Test
    void aBrokenReloadDoesNotLeakItsMacrosIntoTheLiveVersion() throws Exception {
        files.pack("t", "Hi", "#macro(greet)one#end#greet()")
                .pack("u", "Hi", "#macro(greet)other#end#greet()");
        VelocityContentRenderer renderer = renderer();

        files.write("t", "body.html.vm", "#macro(greet)two#end#greet()\n#if(");
        renderer.rescan();

        assertThat(render(renderer, "t", ann()).html()).isEqualTo("one");
        assertThat(render(renderer, "u", ann()).html()).isEqualTo("other");
    }

    @Test
    void aRescanPicksUpNewChangedAndDeletedPacks() throws Exception {
        files.pack("a", "A", "<p>a</p>").pack("b", "B", "<p>b</p>");
        VelocityContentRenderer renderer = renderer();

        files.pack("c", "C", "<p>c</p>").write("a", "body.txt.vm", "plain a");
        Files.delete(dir.resolve("b/subject.vm"));
        Files.delete(dir.resolve("b/body.html.vm"));
        Files.delete(dir.resolve("b"));
        renderer.rescan();

        assertThat(renderer.templates()).containsExactly("a", "c");
        assertThat(render(renderer, "a", ann()).text()).isEqualTo("plain a");
    }

    @Test
    void theScannerReloadsChangedFilesByItself() throws Exception {
        files.pack("t", "Hi", "<p>one</p>");
        VelocityContentRenderer renderer = renderer(Map.of("scan.interval.ms", 20L));

        files.write("t", "body.html.vm", "<p>two</p>");

        Instant deadline = Instant.now().plusSeconds(10);
        while (!render(renderer, "t", ann()).html().equals("<p>two</p>")) {
            assertThat(Instant.now()).as("reloaded before the deadline").isBefore(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void aStoppedRendererRendersNothing() {
        files.pack("t", "Hi", "<p>Hi</p>");
        VelocityContentRenderer renderer = renderer(Map.of("scan.interval.ms", 20L));

        renderer.deactivate();

        assertThatThrownBy(() -> render(renderer, "t", ann()))
                .isInstanceOf(RenderException.class).hasMessageContaining("stopping");
    }

    @Test
    void forbiddenDirectivesAreParseProblems() {
        files.pack("inc", "Hi", "<p>\n  #include(\"/etc/passwd\")</p>")
                .pack("parse", "Hi", "#parse('other.vm')")
                .pack("eval", "Hi", "#evaluate('#set($x = 1)')")
                .pack("def", "Hi", "#define($block)x#end");

        assertThat(renderer().problems()).containsExactly(
                "def/body.html.vm:1:1: #define is not allowed: use a #macro instead",
                "eval/body.html.vm:1:1: #evaluate is not allowed: a template cannot evaluate text as a template",
                "inc/body.html.vm:2:1: #include is not allowed: a template cannot read other files",
                "parse/body.html.vm:1:1: #parse is not allowed: a template cannot read other files");
    }

    // Merge fields

    @Test
    void mergesProfileFieldsAndVariables() throws Exception {
        files.pack("t", "Hi $profile.first_name from $profile.city",
                "<p>$profile.first_name $profile.email $profile.id</p>"
                        + "<a href=\"$unsubscribe_url\">$campaign.name</a>");

        RenderedMessage message = render(renderer(), "t", ann());

        assertThat(message.profileId()).isEqualTo("p-1");
        assertThat(message.recipient()).isEqualTo("ann@example.com");
        assertThat(message.subject()).isEqualTo("Hi Ann from Berlin");
        assertThat(message.html()).isEqualTo("<p>Ann ann@example.com p-1</p>"
                + "<a href=\"https://shop.example.com/unsubscribe?token=abc&amp;x=1\">Outdoor picks</a>");
    }

    @Test
    void aTemplateSeesOnlyWhatTheRecipientsConsentAllows() throws Exception {
        files.pack("t", "Hi $profile.get(\"first_name\", \"there\")",
                "<p>$profile.get(\"first_name\", \"there\") in $profile.get(\"city\", \"your city\")</p>");
        VelocityContentRenderer generic = files.renderer(Map.of(),
                profileId -> new AttributeScope(false, Set.of("first_name"), "no personalization consent"));

        RenderedMessage message = generic.render("t", TestTemplates.ann(), "ann@example.com", Map.of());

        assertThat(message.subject()).isEqualTo("Hi Ann");
        assertThat(message.html()).contains("Ann in your city").doesNotContain("Berlin");
        generic.deactivate();
    }

    @Test
    void defaultsApplyWhenAFieldIsMissingOrBlank() throws Exception {
        String body = "$profile.get(\"first_name\", \"there\")|${profile.first_name|'there'}";

        assertThat(html(body, ann())).isEqualTo("Ann|Ann");
        assertThat(html(body, profile(Map.of()))).isEqualTo("there|there");
        assertThat(html(body, profile(Map.of("first_name", "  ")))).isEqualTo("there|there");
    }

    @Test
    void aDefaultCanBeAnotherField() throws Exception {
        String body = "$profile.get(\"nickname\", $profile.first_name)";

        assertThat(html(body, ann())).isEqualTo("Ann");
    }

    @Test
    void aQuietReferenceWritesNothingWhenMissing() throws Exception {
        assertThat(html("Hi $!profile.nickname.", ann())).isEqualTo("Hi .");
    }

    @Test
    void valuesAreFormattedForPeople() throws Exception {
        Profile profile = profile(Map.of("born", LocalDate.of(1990, 5, 17), "spent", new BigDecimal("1E+3"),
                "ratio", 0.5, "vip", true));

        assertThat(html("$profile.born $profile.spent $profile.ratio $profile.vip", profile))
                .isEqualTo("1990-05-17 1000 0.5 true");
    }

    @Test
    void anUnknownReferenceFailsTheRenderForThatRecipient() {
        RenderException e = failure("<p>\nHi $profile.frist_name,</p>", ann());

        assertThat(e).hasMessage("template t: t/body.html.vm:2:4: $profile.frist_name has no value and no default "
                + "(a misspelt name, or a value this recipient does not have)");
    }

    @Test
    void aFieldThisProfileLacksFailsWithoutADefault() {
        RenderException e = failure("Hi $profile.first_name", profile(Map.of()));

        assertThat(e).hasMessageStartingWith("template t: t/body.html.vm:1:4: $profile.first_name has no value");
    }

    @Test
    void anUnknownVariableFailsTheRender() {
        RenderException e = failure("<a href=\"$unsubscribe_link\">x</a>", ann());

        assertThat(e).hasMessage("template t: t/body.html.vm:1:10: unknown variable $unsubscribe_link");
    }

    @Test
    void aVariableCannotTakeAReservedName() {
        files.pack("t", "Hi", "<p>Hi</p>");
        VelocityContentRenderer renderer = renderer();

        assertThatThrownBy(() -> renderer.render("t", ann(), "ann@example.com", Map.of("profile", "x")))
                .isInstanceOf(RenderException.class)
                .hasMessage("template t: variable name 'profile' is reserved for Tailor's own use");
    }

    // Escaping

    @Test
    void htmlEscapesValuesButSubjectAndTextDoNot() throws Exception {
        Profile profile = profile(Map.of("first_name", "<script>alert('x')</script>"));
        files.pack("t", "Hi $profile.first_name", "<p>Hi $profile.first_name</p>")
                .pack("t2", "Hi", "<p>Hi $profile.first_name</p>")
                .write("t2", "body.txt.vm", "Hi $profile.first_name");
        VelocityContentRenderer renderer = renderer();

        RenderedMessage generated = render(renderer, "t", profile);
        RenderedMessage written = render(renderer, "t2", profile);

        assertThat(generated.html()).isEqualTo("<p>Hi &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>");
        assertThat(generated.subject()).isEqualTo("Hi <script>alert('x')</script>");
        assertThat(generated.text()).isEqualTo("Hi <script>alert('x')</script>");
        assertThat(written.text()).isEqualTo("Hi <script>alert('x')</script>");
    }

    @Test
    void defaultsAndMacroArgumentsAreEscapedToo() throws Exception {
        String body = "$profile.get(\"nickname\", \"<b>you</b>\")#macro(m $a)<i>$a</i>#end#m($profile.first_name)";

        assertThat(html(body, profile(Map.of("first_name", "A&B")))).isEqualTo("&lt;b&gt;you&lt;/b&gt;<i>A&amp;B</i>");
    }

    @Test
    void rawInsertsATrustedVariableAsIs() throws Exception {
        files.pack("t", "Hi", "<div>$raw.footer_html</div><div>$footer_html</div>");

        RenderedMessage message = renderer().render("t", ann(), "ann@example.com", Map.of("footer_html", "<hr>"));

        assertThat(message.html()).isEqualTo("<div><hr></div><div>&lt;hr&gt;</div>");
    }

    @Test
    void profileFieldsHaveNoRawForm() {
        RenderException e = failure("$raw.first_name", ann());

        assertThat(e).hasMessageStartingWith("template t: t/body.html.vm:1:1: $raw.first_name has no value");
    }

    @Test
    void theSubjectIsOneLine() throws Exception {
        files.pack("t", "Hi\n$profile.first_name\r\n!", "<p>Hi</p>");

        RenderedMessage message = render(renderer(), "t", profile(Map.of("first_name", "Ann\r\nBcc: eve@example.com")));

        assertThat(message.subject()).isEqualTo("Hi Ann Bcc: eve@example.com !");
    }

    // Logic

    @Test
    void ifElseIfElseChoosesOneBranch() throws Exception {
        String body = "#if($profile.country == \"DE\")de#elseif($profile.country == \"FR\")fr#else other#end";

        assertThat(html(body, profile(Map.of("country", "DE")))).isEqualTo("de");
        assertThat(html(body, profile(Map.of("country", "FR")))).isEqualTo("fr");
        assertThat(html(body, profile(Map.of("country", "US")))).isEqualTo(" other");
        assertThat(html(body, profile(Map.of()))).isEqualTo(" other");
    }

    @Test
    void ifTestsWhetherAFieldHasAValue() throws Exception {
        String body = "#if($profile.first_name)Hi $profile.first_name#{else}Hello#end";

        assertThat(html(body, ann())).isEqualTo("Hi Ann");
        assertThat(html(body, profile(Map.of()))).isEqualTo("Hello");
    }

    @Test
    void foreachWorksWithinItsLimit() throws Exception {
        String body = "#foreach($i in [1..1000])#if($foreach.last)$foreach.count#end#end"
                + "#foreach($k in $campaign.keySet())[$k=$campaign.get($k)]#end";

        assertThat(html(body, ann())).startsWith("1000").contains("[id=c1]", "[name=Outdoor picks]");
    }

    // The generated text part

    @Test
    void theTextPartIsGeneratedFromTheHtml() throws Exception {
        files.pack("t", "Hi", """
                <html><head><title>Picks</title><style>p { color: red }</style></head>
                <body>
                <h1>Hello   $profile.first_name</h1>
                <p>Our picks:<br>for you &amp; yours</p>
                <ul><li>Tent</li><li>Stove</li></ul>
                <p><a href="https://shop.example.com/outdoor?a=1&amp;b=2">See the picks</a>
                or <a href="$unsubscribe_url">unsubscribe</a>.</p>
                </body></html>
                """);

        String text = render(renderer(), "t", ann()).text();

        assertThat(text).isEqualTo("""
                Hello Ann

                Our picks:
                for you & yours

                - Tent
                - Stove

                See the picks (https://shop.example.com/outdoor?a=1&b=2) or unsubscribe \
                (https://shop.example.com/unsubscribe?token=abc&x=1).""");
    }

    @Test
    void aWrittenTextPartWins() throws Exception {
        files.pack("t", "Hi", "<p>html</p>").write("t", "body.txt.vm", "Hi $profile.first_name, plain.");

        assertThat(render(renderer(), "t", ann()).text()).isEqualTo("Hi Ann, plain.");
    }

    // Sandbox

    @Test
    void getClassIsNotAvailable() {
        assertThat(failure("$profile.getClass()", ann()))
                .hasMessage("template t: t/body.html.vm:1:10: method getClass() is not available on $profile");
        assertThat(failure("$profile.class", ann()))
                .hasMessage("template t: t/body.html.vm:1:10: 'class' is not available on $profile");
    }

    @Test
    void noPathLeadsToAClassLoader() {
        assertThat(failure("$profile.class.classLoader", ann()))
                .hasMessageContaining("'class' is not available on $profile");
        assertThat(failure("$profile.first_name.getClass().getClassLoader()", ann()))
                .hasMessageContaining("method getClass() is not available on a text");
        assertThat(failure("$campaign.class.forName(\"java.lang.Runtime\")", ann()))
                .hasMessageContaining("'class' is not available on a map");
        assertThat(failure("$unsubscribe_url.class.getMethods()", ann()))
                .hasMessageContaining("'class' is not available on a text");
        assertThat(failure("#foreach($s in [1])$foreach.info#end", ann()))
                .hasMessageContaining("'info' is not available");
    }

    @Test
    void valuesAreReadOnly() {
        assertThat(failure("#set($profile.city = \"Paris\")", ann()))
                .hasMessageContaining("t/body.html.vm:1:6: 'city' is not available on $profile");
        assertThat(failure("$campaign.put(\"name\", \"x\")", ann()))
                .hasMessageContaining("method put(java.lang.String, java.lang.String) is not available on a map");
    }

    @Test
    void methodsThatGrowTextAreNotAvailable() {
        assertThat(failure("$profile.first_name.repeat(1000000)", ann()))
                .hasMessageContaining("method repeat(java.lang.Integer) is not available on a text");
    }

    @Test
    void foreachOverAHugeRangeFailsAtTheLoopLimit() {
        RenderException e = failure("<p>\n#foreach($i in [1..2000000000])$i#end</p>", ann());

        assertThat(e).hasMessage("template t: t/body.html.vm:2:1: #foreach loop runs more than 1000 times (max.loop.iterations)");
    }

    @Test
    void theLoopLimitIsConfigurable() {
        RenderException e = failure(Map.of("max.loop.iterations", 10), "#foreach($i in [1..11])#end", ann());

        assertThat(e).hasMessageEndingWith("#foreach loop runs more than 10 times (max.loop.iterations)");
    }

    @Test
    void outputIsCapped() {
        RenderException e = failure(Map.of("max.output.chars", 1000),
                "#foreach($i in [1..200])$profile.first_name and more#end", ann());

        assertThat(e).hasMessage("template t: t/body.html.vm: output is longer than 1000 characters (max.output.chars)");
    }

    @Test
    void aValueGrowingInALoopIsStoppedBeforeItFillsTheHeap() {
        RenderException e = failure("#set($x = \"ab\")#foreach($i in [1..100])#set($x = $x + $x)#end$x.length()", ann());

        assertThat(e).hasMessage("template t: t/body.html.vm: $x would be 524288 characters long, "
                + "more than the output limit of 262144 (max.output.chars)");
    }

    @Test
    void aNumberGrowingInALoopIsStoppedToo() {
        RenderException e = failure("#set($x = 2)#foreach($i in [1..30])#set($x = $x * $x)#end$x", ann());

        assertThat(e).hasMessage("template t: t/body.html.vm: $x would have more than 1000 digits");
    }

    @Test
    void aSlowRenderIsStoppedAtTheTimeLimit() throws Exception {
        // Within the loop and output limits (1000 iterations a loop, nothing written), but 10^9 turns.
        String slow = "#foreach($i in [1..1000])#foreach($j in [1..1000])#foreach($k in [1..1000])#end#end#end";
        files.pack("slow", "Hi", slow).pack("fast", "Hi", "<p>Hi</p>");
        // The step cap would stop it too; lifted here so that only the time limit can.
        VelocityContentRenderer renderer = renderer(Map.of("render.timeout.ms", 200L, "max.render.steps", Integer.MAX_VALUE));

        long start = System.nanoTime();
        assertThatThrownBy(() -> render(renderer, "slow", ann()))
                .isInstanceOf(RenderException.class)
                .hasMessage("template slow: slow/body.html.vm: rendering took longer than 200 ms and was stopped "
                        + "(render.timeout.ms)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

        // The interrupted worker really stops, and the renderer goes on working.
        Instant deadline = Instant.now().plusSeconds(10);
        while (renderer.activeRenders() > 0) {
            assertThat(Instant.now()).as("abandoned render stopped before the deadline").isBefore(deadline);
            Thread.sleep(10);
        }
        assertThat(render(renderer, "fast", ann()).html()).isEqualTo("<p>Hi</p>");
    }

    // Class loaders

    @Test
    void theCallersContextClassLoaderIsLeftAlone() throws Exception {
        files.pack("t", "Hi", "<p>Hi $profile.first_name</p>");
        ClassLoader foreign = new ClassLoader(null) { };
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(foreign);
        try {
            VelocityContentRenderer renderer = renderer();
            assertThat(thread.getContextClassLoader()).isSameAs(foreign);
            assertThat(render(renderer, "t", ann()).html()).isEqualTo("<p>Hi Ann</p>");
            assertThat(thread.getContextClassLoader()).isSameAs(foreign);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void templatesMergeWithTheBundleClassLoaderAsContextLoader() throws Exception {
        AtomicReference<ClassLoader> seen = new AtomicReference<>();
        SandboxedVelocity velocity = new SandboxedVelocity(10);
        var template = velocity.compile("t/body.html.vm", "x");
        velocity.merge(template, new TemplateContext(Map.of(), 100), new java.io.Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                seen.set(Thread.currentThread().getContextClassLoader());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });

        assertThat(seen.get()).isSameAs(SandboxedVelocity.class.getClassLoader());
    }
}
