package org.tailor.content.internal;

/**
 * What a hostile template would change if it ran code: a static method that flips a flag. Public
 * because a template that escaped the sandbox could only call a public method. Only the control
 * test, rendering without the sandbox, ever flips it.
 */
public final class HostileMarker {

    private static volatile boolean touched;

    private HostileMarker() {
    }

    public static void touch() {
        touched = true;
    }

    static boolean touched() {
        return touched;
    }

    static void reset() {
        touched = false;
    }
}
