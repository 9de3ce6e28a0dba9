package org.tailor.runtime.internal;

import java.util.concurrent.TimeUnit;

/** Waits; tests replace it with one that moves a fake clock instead. */
@FunctionalInterface
interface Sleeper {

    /** Sleeps on the calling thread. */
    Sleeper THREAD = TimeUnit.NANOSECONDS::sleep;

    void sleep(long nanos) throws InterruptedException;
}
