package org.tailor.content.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every part of one message renders against: the values the template can read, the output
 * cap, and the merge fields that fell back to their defaults (for previews).
 */
final class RenderScope {

    /** The caps every part of a render is held to: characters per part, steps per part. */
    record Limits(int maxOutputChars, int maxRenderSteps, long renderTimeoutMs, int maxLoopIterations) {
    }

    private final SandboxedVelocity velocity;
    private final Map<String, Object> values;
    private final Limits limits;
    private final Set<String> defaulted;
    private volatile TemplateContext.Deadline deadline = TemplateContext.Deadline.NONE;

    RenderScope(SandboxedVelocity velocity, Map<String, Object> values, Limits limits, Set<String> defaulted) {
        this.velocity = velocity;
        this.values = values;
        this.limits = limits;
        this.defaulted = defaulted;
    }

    /** A scope that also sees the rendered slots as {@code $slot.<name>}. */
    RenderScope withSlots(Map<String, Object> slots) {
        Map<String, Object> more = new ValuesWithOne(values, "slot", Collections.unmodifiableMap(slots));
        RenderScope scope = new RenderScope(velocity, more, limits, defaulted);
        scope.deadline = deadline;
        return scope;
    }

    /** Starts the render's clock: every step of every part checks it. */
    void startClock(long timeoutMs) {
        deadline = TemplateContext.Deadline.in(timeoutMs);
    }

    TemplateContext.Deadline deadline() {
        return deadline;
    }

    SandboxedVelocity velocity() {
        return velocity;
    }

    Map<String, Object> values() {
        return values;
    }

    int maxOutputChars() {
        return limits.maxOutputChars();
    }

    int maxRenderSteps() {
        return limits.maxRenderSteps();
    }

    long renderTimeoutMs() {
        return limits.renderTimeoutMs();
    }

    int maxLoopIterations() {
        return limits.maxLoopIterations();
    }

    /** Records that a merge field used its default; a no-op unless the render is explained. */
    void defaulted(String field) {
        if (defaulted != null) {
            synchronized (defaulted) {
                defaulted.add(field);
            }
        }
    }

    List<String> defaultedFields() {
        if (defaulted == null) {
            return List.of();
        }
        synchronized (defaulted) {
            return new ArrayList<>(defaulted);
        }
    }

    static Set<String> collector() {
        return new LinkedHashSet<>();
    }
}
