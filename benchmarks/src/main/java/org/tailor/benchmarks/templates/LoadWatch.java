package org.tailor.benchmarks.templates;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the machine's one-minute load average while the benchmark runs, so the report says
 * whether other work shared the cores (the figures are only comparable within one run then).
 */
final class LoadWatch {

    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "load-watch");
        thread.setDaemon(true);
        return thread;
    });
    private double min = Double.MAX_VALUE;
    private double max;
    private double sum;
    private int samples;

    static LoadWatch start() {
        LoadWatch watch = new LoadWatch();
        watch.sampler.scheduleAtFixedRate(watch::sample, 0, 5, TimeUnit.SECONDS);
        return watch;
    }

    private synchronized void sample() {
        double load = os.getSystemLoadAverage();
        if (load >= 0) {
            min = Math.min(min, load);
            max = Math.max(max, load);
            sum += load;
            samples++;
        }
    }

    /** Stops sampling and describes what was seen. */
    synchronized String stop() {
        sampler.shutdownNow();
        if (samples == 0) {
            return "Load average: not available on this system";
        }
        return String.format(Locale.ROOT, "Load average during the run (%d cores): %.1f to %.1f, mean %.1f (%d samples)",
                os.getAvailableProcessors(), min, max, sum / samples, samples);
    }
}
