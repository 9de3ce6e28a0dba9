package org.tailor.benchmarks.templates;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The CPU time the benchmark thread itself spends in each measured iteration, and the renders it
 * did in it: renders per CPU second is the "renders per second per core" the issue asks for, and
 * unlike JMH's wall-clock score it hardly moves when other work shares the cores (JIT and GC
 * threads are not counted; see {@code -prof gc} for what each engine leaves the collector).
 * Reported by JMH as two event counters, {@code cpuNanos} and {@code renders}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuClock {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds of the benchmark thread in the current iteration; read by JMH at its end. */
    public long cpuNanos;
    /** Renders in the current iteration. */
    public long renders;
    private long start;

    @Setup(Level.Iteration)
    public void start() {
        cpuNanos = 0;
        renders = 0;
        start = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stop() {
        cpuNanos = THREADS.getCurrentThreadCpuTime() - start;
    }
}
