package org.tailor.content.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.apache.velocity.VelocityContext;

/**
 * The context of one part's merge, and the budget of that merge.
 *
 * <p>Every value a template stores ({@code #set}, loop and macro variables) passes
 * {@link #internalPut}, which refuses text longer than the output cap, lists and maps that would
 * be longer than it when written ({@link WrittenSize}), and numbers with more than
 * {@value #MAX_DIGITS} digits. Without it a {@code #foreach} that doubles a value on each turn
 * ({@code #set($x = $x + $x)}, {@code #set($l = [$l, $l])}) would exhaust the heap long before
 * anything reached the {@link BoundedWriter}.
 *
 * <p>Every stored value and every macro call is also a step: a part may take at most
 * {@code maxSteps} of them. Loops of loops and macros calling several macros multiply; without
 * this budget they would run until the time limit, and a macro that writes nothing would not even
 * notice that limit. Each step also checks whether the render was abandoned (the thread is
 * interrupted), so that no kind of template outlives its time limit by more than one step.
 */
final class TemplateContext extends VelocityContext {

    static final int MAX_DIGITS = 1000;
    /** Default of {@code max.render.steps}. */
    static final int DEFAULT_MAX_STEPS = 1_000_000;

    private final int maxChars;
    private final int maxSteps;
    private final Deadline deadline;
    private int steps;

    /** When the render must have finished, checked at every step: {@code System.nanoTime()} based. */
    record Deadline(long nanos, long timeoutMs) {
        static final Deadline NONE = new Deadline(Long.MAX_VALUE, 0);

        static Deadline in(long timeoutMs) {
            return new Deadline(System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeoutMs), timeoutMs);
        }

        boolean passed() {
            return nanos != Long.MAX_VALUE && System.nanoTime() - nanos > 0;
        }
    }

    TemplateContext(Map<String, Object> values, int maxChars) {
        this(values, maxChars, DEFAULT_MAX_STEPS);
    }

    /**
     * @param maxChars the output cap, which also bounds every stored value
     * @param maxSteps stored values plus macro calls allowed in this part
     */
    TemplateContext(Map<String, Object> values, int maxChars, int maxSteps) {
        this(values, maxChars, maxSteps, Deadline.NONE);
    }

    /** @param deadline checked at every step, so a render on the caller's thread stops in time too */
    TemplateContext(Map<String, Object> values, int maxChars, int maxSteps, Deadline deadline) {
        super(values);
        this.maxChars = maxChars;
        this.maxSteps = maxSteps;
        this.deadline = deadline;
    }

    /** The output cap of this part; values written or stored are measured against it. */
    int maxChars() {
        return maxChars;
    }

    @Override
    public Object internalPut(String key, Object value) {
        step();
        if (value instanceof CharSequence text) {
            if (text.length() > maxChars) {
                throw new TemplateFailure("$" + key + " would be " + text.length()
                        + " characters long, more than the output limit of " + maxChars + " (max.output.chars)");
            }
        } else if (value instanceof BigInteger number) {
            if (number.bitLength() > MAX_DIGITS * 3.33) {
                throw tooManyDigits(key);
            }
        } else if (value instanceof BigDecimal number) {
            if (!isModest(number)) {
                throw tooManyDigits(key);
            }
        } else if (value != null) {
            String problem = WrittenSize.problem(value, maxChars);
            if (problem != null) {
                throw new TemplateFailure("$" + key + " " + problem);
            }
        }
        return super.internalPut(key, value);
    }

    /** A macro call is a step too; Velocity announces each one here. */
    @Override
    public void pushCurrentMacroName(String name) {
        step();
        super.pushCurrentMacroName(name);
    }

    /**
     * Whether a decimal is small enough to compute with: plain notation of at most about
     * {@value #MAX_DIGITS} digits. {@code 1E+999999999} has one digit of precision, yet adding 1 to
     * it or writing it out takes a billion.
     */
    static boolean isModest(BigDecimal number) {
        return number.precision() <= MAX_DIGITS && Math.abs((long) number.scale()) <= MAX_DIGITS;
    }

    private void step() {
        if (Thread.currentThread().isInterrupted()) {
            throw new TemplateFailure("render interrupted (time limit reached, or the renderer is stopping)");
        }
        if (deadline.passed()) {
            throw new TemplateFailure("rendering took longer than " + deadline.timeoutMs()
                    + " ms and was stopped (render.timeout.ms)");
        }
        if (++steps > maxSteps) {
            throw new TemplateFailure("more than " + maxSteps
                    + " steps (loop turns, values set and macro calls) in one part (max.render.steps)");
        }
    }

    private static TemplateFailure tooManyDigits(String key) {
        return new TemplateFailure("$" + key + " would have more than " + MAX_DIGITS + " digits");
    }
}
