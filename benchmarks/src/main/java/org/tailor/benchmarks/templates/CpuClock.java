package org.tailor.benchmarks.templates;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The CPU time the benchmark's JVM spends in each measured iteration, and the renders done in it:
 * renders per CPU second is the "renders per second per core" the issue asks for, and unlike JMH's
 * wall-clock score it hardly moves when other work shares the cores. The whole process is counted,
 * not just the benchmark thread, so that an engine's garbage (collected by GC threads) and work it
 * hands to other threads (Tailor's render thread) are paid for; JMH's own threads mostly sleep and
 * the JIT is nearly idle after warm-up. Reported by JMH as two event counters, {@code cpuNanos}
 * and {@code renders}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuClock {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** CPU nanoseconds of the JVM in the current iteration; read by JMH at its end. */
    public long cpuNanos;
    /** Renders in the current iteration. */
    public long renders;
    private long start;

    @Setup(Level.Iteration)
    public void start() {
        cpuNanos = 0;
        renders = 0;
        start = OS.getProcessCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stop() {
        cpuNanos = OS.getProcessCpuTime() - start;
    }
}
