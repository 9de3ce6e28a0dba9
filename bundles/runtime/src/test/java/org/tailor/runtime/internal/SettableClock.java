package org.tailor.runtime.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that moves only when a test moves it. */
final class SettableClock extends Clock {

    private volatile Instant current;

    SettableClock(Instant start) {
        current = start;
    }

    void advance(Duration by) {
        current = current.plus(by);
    }

    void set(Instant instant) {
        current = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return current;
    }
}
