package org.tailor.benchmarks.templates;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Renders the same ~2 KB email with every engine of {@link EmailEngines}, one after the other in
 * one JMH run, each over the same {@value #SEED}-seeded recipients taken round robin (so no engine
 * can serve a cached output). Before measuring, each engine's output is compared byte for byte
 * with jte's for every recipient ({@link SameOutput}); a difference fails that engine's trial.
 *
 * <p>The email: 10 merge fields (first and last name, city, country, a date and an amount
 * formatted in the recipient's locale, loyalty points, last order id, coupon code, a unique
 * unsubscribe link), every value HTML-escaped; three slots chosen by rules (hero by country group,
 * offer by loyalty threshold, footer by language), one condition nested in the offer block, and a
 * loop over four products (name, price, link, image).
 *
 * <p>Run with {@code mvn -f benchmarks/pom.xml compile exec:exec@templates [-Djmh="JMH options"]};
 * after JMH's own table this prints each engine's ratio to the peers and the cost of Tailor's
 * sandbox against plain Velocity.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TemplateRenderingBenchmark {

    static final long SEED = 20261123L;

    /** The contenders; keep in step with {@link EmailEngines}. */
    @Param({"jte", "pebble", "freemarker", "velocity", "tailor-sandboxed", "tailor-renderer"})
    public String engine;

    @Param("1000")
    public int recipients;

    private EmailEngine.Rendering rendering;
    private int count;
    private int next;

    @Setup(Level.Trial)
    public void prepare() throws Exception {
        List<Recipient> all = Recipients.generate(recipients, SEED);
        rendering = EmailEngines.named(engine).prepare(all);
        count = all.size();
        if (!engine.equals(EmailEngines.REFERENCE)) {
            SameOutput.check(engine, rendering, EmailEngines.REFERENCE,
                    EmailEngines.named(EmailEngines.REFERENCE).prepare(all), count);
        }
    }

    /** One recipient's email; the next call renders the next recipient's. */
    @Benchmark
    public String render() throws Exception {
        int recipient = next;
        next = recipient + 1 == count ? 0 : recipient + 1;
        return rendering.render(recipient);
    }

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(TemplateRenderingBenchmark.class.getName() + ".render")
                .build();
        LoadWatch load = LoadWatch.start();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println(emailSize());
        System.out.println(ratios(results));
        System.out.println(load.stop());
    }

    /** The size of the rendered email over the default recipients. */
    static String emailSize() throws Exception {
        List<Recipient> all = Recipients.generate(1000, SEED);
        EmailEngine.Rendering reference = EmailEngines.named(EmailEngines.REFERENCE).prepare(all);
        IntSummaryStatistics bytes = new IntSummaryStatistics();
        for (int i = 0; i < all.size(); i++) {
            bytes.accept(reference.render(i).getBytes(StandardCharsets.UTF_8).length);
        }
        return String.format(Locale.ROOT, "Email: %,.0f bytes of UTF-8 on average (%,d to %,d) over %d recipients",
                bytes.getAverage(), bytes.getMin(), bytes.getMax(), all.size());
    }

    /**
     * Renders per second of each engine, its ratio to each peer, bytes allocated per render when
     * run with {@code -prof gc}, and the sandbox's overhead against plain Velocity.
     */
    static String ratios(Collection<RunResult> results) {
        Comparator<String> registryOrder =
                Comparator.comparingInt(TemplateRenderingBenchmark::order).thenComparing(Comparator.naturalOrder());
        Map<String, RunResult> byEngine = new TreeMap<>(registryOrder);
        results.forEach(result -> byEngine.put(result.getParams().getParam("engine"), result));
        Map<String, Double> scores = new TreeMap<>(registryOrder);
        byEngine.forEach((name, result) -> scores.put(name, result.getPrimaryResult().getScore()));
        List<String> peers = new ArrayList<>(List.of("jte", "pebble", "freemarker", "velocity"));
        peers.retainAll(scores.keySet());
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-18s %12s %9s %10s", "engine", "renders/s",
                "±", "B/render"));
        peers.forEach(peer -> out.append(String.format(Locale.ROOT, " %12s", "x " + peer)));
        out.append('\n');
        byEngine.forEach((name, result) -> {
            Result<?> allocated = result.getSecondaryResults().get("gc.alloc.rate.norm");
            out.append(String.format(Locale.ROOT, "%-18s %,12.0f %,9.0f %10s", name, scores.get(name),
                    result.getPrimaryResult().getScoreError(),
                    allocated == null ? "-" : String.format(Locale.ROOT, "%,.0f", allocated.getScore())));
            peers.forEach(peer -> out.append(String.format(Locale.ROOT, " %12.2f", scores.get(name) / scores.get(peer))));
            out.append('\n');
        });
        for (String sandboxed : List.of("tailor-sandboxed", "tailor-renderer")) {
            if (scores.containsKey(sandboxed) && scores.containsKey("velocity")) {
                out.append(String.format(Locale.ROOT, "%s against plain velocity: %+.1f %% time per render%n", sandboxed,
                        (scores.get("velocity") / scores.get(sandboxed) - 1) * 100));
            }
        }
        return out.toString();
    }

    /** Registry order; an engine only given on the command line comes last. */
    private static int order(String engine) {
        int index = new ArrayList<>(EmailEngines.names()).indexOf(engine);
        return index < 0 ? EmailEngines.names().size() : index;
    }
}
