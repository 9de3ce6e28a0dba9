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
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
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
    @Param({"jte", "pebble", "freemarker", "velocity", "tailor-sandboxed", "tailor-renderer", "tailor-modular"})
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
    public String render(CpuClock clock) throws Exception {
        clock.renders++;
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
     * For each engine: renders per CPU second of the JVM (from {@link CpuClock}, with
     * the slowest and fastest iteration), JMH's wall-clock renders per second, bytes allocated per
     * render when run with {@code -prof gc}, and the CPU-based ratio to each peer; then the
     * sandbox's overhead against plain Velocity, by CPU time and by wall-clock time.
     */
    static String ratios(Collection<RunResult> results) {
        Comparator<String> registryOrder =
                Comparator.comparingInt(TemplateRenderingBenchmark::order).thenComparing(Comparator.naturalOrder());
        Map<String, RunResult> byEngine = new TreeMap<>(registryOrder);
        results.forEach(result -> byEngine.put(result.getParams().getParam("engine"), result));
        Map<String, double[]> cpu = new TreeMap<>(registryOrder);
        byEngine.forEach((name, result) -> cpu.put(name, perCpuSecond(result)));
        List<String> peers = new ArrayList<>(List.of("jte", "pebble", "freemarker", "velocity"));
        peers.retainAll(cpu.keySet());
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-18s %13s %17s %11s %9s", "engine",
                "renders/cpu-s", "(iterations)", "renders/s", "B/render"));
        peers.forEach(peer -> out.append(String.format(Locale.ROOT, " %12s", "x " + peer)));
        out.append('\n');
        byEngine.forEach((name, result) -> {
            double[] rate = cpu.get(name);
            Result<?> allocated = result.getSecondaryResults().get("gc.alloc.rate.norm");
            out.append(String.format(Locale.ROOT, "%-18s %,13.0f %17s %,11.0f %9s", name, rate[0],
                    String.format(Locale.ROOT, "%,.0f-%,.0f", rate[1], rate[2]), result.getPrimaryResult().getScore(),
                    allocated == null ? "-" : String.format(Locale.ROOT, "%,.0f", allocated.getScore())));
            peers.forEach(peer -> out.append(String.format(Locale.ROOT, " %12.2f", rate[0] / cpu.get(peer)[0])));
            out.append('\n');
        });
        for (String sandboxed : List.of("tailor-sandboxed", "tailor-renderer")) {
            if (cpu.containsKey(sandboxed) && cpu.containsKey("velocity")) {
                out.append(String.format(Locale.ROOT, "%s against plain velocity: %+.1f %% CPU time per render, %+.1f %% wall time%n",
                        sandboxed, (cpu.get("velocity")[0] / cpu.get(sandboxed)[0] - 1) * 100,
                        (byEngine.get("velocity").getPrimaryResult().getScore()
                                / byEngine.get(sandboxed).getPrimaryResult().getScore() - 1) * 100));
            }
        }
        return out.toString();
    }

    /** Renders per CPU second over all measured iterations, then of the slowest and the fastest iteration. */
    private static double[] perCpuSecond(RunResult result) {
        double renders = 0;
        double nanos = 0;
        double slowest = Double.MAX_VALUE;
        double fastest = 0;
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                double n = iteration.getSecondaryResults().get("renders").getScore();
                double ns = iteration.getSecondaryResults().get("cpuNanos").getScore();
                renders += n;
                nanos += ns;
                slowest = Math.min(slowest, n / ns * 1e9);
                fastest = Math.max(fastest, n / ns * 1e9);
            }
        }
        return new double[] {renders / nanos * 1e9, slowest, fastest};
    }

    /** Registry order; an engine only given on the command line comes last. */
    private static int order(String engine) {
        int index = new ArrayList<>(EmailEngines.names()).indexOf(engine);
        return index < 0 ? EmailEngines.names().size() : index;
    }
}
