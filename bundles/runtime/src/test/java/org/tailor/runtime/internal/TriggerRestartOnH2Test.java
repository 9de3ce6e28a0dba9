package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;
import org.tailor.api.delivery.OutboxStatus;
import org.tailor.api.delivery.TimerStatus;
import org.tailor.api.delivery.Transport;
import org.tailor.api.delivery.TriggerTimer;
import org.tailor.api.model.Event;
import org.tailor.store.internal.JdbcEventStore;
import org.tailor.store.internal.JdbcOutboxStore;
import org.tailor.store.internal.JdbcStore;
import org.tailor.store.internal.JdbcTimerStore;

/**
 * The trigger runtime over the real stores on an H2 file: stopped, the database closed as the
 * process would close it, then opened again under a new runtime, which fires what fell due.
 */
class TriggerRestartOnH2Test {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path tmp;

    private final SettableClock clock = new SettableClock(T0);
    private final Fakes.Profiles profiles = new Fakes.Profiles();
    private final Fakes.Consent consent = new Fakes.Consent();
    private final Fakes.Renderer renderer = new Fakes.Renderer(p -> false);

    @Test
    void aTimerScheduledBeforeTheRestartFiresAfterIt() throws Exception {
        Path triggers = Files.createDirectories(tmp.resolve("triggers"));
        Files.writeString(triggers.resolve("cart.json"), """
                {"id": "cart-abandoned", "template": "cart-reminder", "purpose": "email_marketing",
                 "from": "shop@example.com", "when": {"after": "cart_added", "unless": "order", "delayHours": 4}}
                """);
        renderer.templates.add("cart-reminder");
        profiles.add(List.of(Fakes.profile("p1", "ann@example.com", Map.of()), Fakes.profile("p2", "bob@example.com", Map.of())));
        consent.granted.addAll(List.of("p1/email_marketing", "p2/email_marketing"));
        TriggerRuntimeTest.CountingTransport transport = new TriggerRuntimeTest.CountingTransport(new FileTransport(
                Converters.standardConverter().convert(Map.of("directory", tmp.resolve("outbox").toString()))
                        .to(FileTransportConfig.class)));
        Event cart = new Event("e1", "p1", "cart_added", T0, Map.of(), "test");
        Event laterCart = new Event("e2", "p2", "cart_added", T0.plus(Duration.ofMinutes(10)), Map.of(), "test");
        Event order = new Event("o2", "p2", "order", T0.plus(Duration.ofMinutes(20)), Map.of(), "test");

        JdbcStore before = open();
        TriggerRuntime first = runtime(before, triggers, "node-1", transport);
        JdbcEventStore events = new JdbcEventStore(before);
        first.ingested(java.util.Set.of(), events.appendNew(List.of(cart, laterCart)));
        assertThat(new JdbcTimerStore(before).timersOf("cart-abandoned", "p1")).singleElement()
                .satisfies(t -> assertThat(t.status()).isEqualTo(TimerStatus.PENDING));
        first.deactivate();
        // The order arrives while the runtime is down: no listener hears it.
        events.append(order);
        close(before);

        clock.advance(Duration.ofHours(5));
        JdbcStore after = open();
        try {
            TriggerRuntime second = runtime(after, triggers, "node-2", transport);
            try {
                assertThat(second.poll()).containsExactlyInAnyOrderEntriesOf(Map.of(
                        TriggerFiring.Outcome.FIRED, 1, TriggerFiring.Outcome.CANCELLED, 1));
            } finally {
                second.deactivate();
            }
            JdbcTimerStore timers = new JdbcTimerStore(after);
            assertThat(timers.timersOf("cart-abandoned", "p1")).extracting(TriggerTimer::status).containsExactly(TimerStatus.FIRED);
            assertThat(timers.timersOf("cart-abandoned", "p2")).extracting(TriggerTimer::status, TriggerTimer::detail)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(TimerStatus.CANCELLED,
                            "order at 2026-11-23T10:20:00Z (event o2)"));
            assertThat(new JdbcOutboxStore(after).counts("trigger-cart-abandoned")).containsExactly(Map.entry(OutboxStatus.SENT, 1L));
            assertThat(transport.delivered).singleElement().satisfies(e -> assertThat(e.profileId()).isEqualTo("p1"));
        } finally {
            close(after);
        }
    }

    private TriggerRuntime runtime(JdbcStore db, Path triggers, String node, Transport transport) {
        TriggerRuntime runtime = new TriggerRuntime(Converters.standardConverter().convert(Map.of(
                "triggers.directory", triggers.toString(), "scan.interval.ms", 0L, "poll.interval.seconds", 0L,
                "node.id", node)).to(TriggerRuntimeConfig.class),
                new TriggerFiring.Services(profiles, new JdbcEventStore(db), new Fakes.Segments(), consent,
                        new Fakes.Subscriptions(), renderer, new JdbcOutboxStore(db), new JdbcTimerStore(db)),
                clock, Runnable::run);
        runtime.addTransport(transport, Map.of(Transport.NAME_PROPERTY, "file"));
        return runtime;
    }

    /**
     * Opens the store as DS would, from a configuration map. Its configuration type is private to
     * the store bundle, so it is reached by name; nothing else here needs reflection.
     */
    private JdbcStore open() throws Exception {
        Class<?> configType = Class.forName("org.tailor.store.internal.JdbcStoreConfig");
        Object config = Converters.standardConverter().convert(Map.of("jdbc.url", "jdbc:h2:file:"
                + tmp.resolve("db").resolve("tailor").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE")).to(configType);
        Constructor<JdbcStore> constructor = JdbcStore.class.getConstructor(configType);
        return constructor.newInstance(config);
    }

    private static void close(JdbcStore db) throws Exception {
        Method close = JdbcStore.class.getDeclaredMethod("close");
        close.setAccessible(true);
        close.invoke(db);
    }
}
