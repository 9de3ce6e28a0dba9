package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.OutboxStatus;
import org.tailor.api.delivery.TimerStatus;
import org.tailor.api.delivery.Transport;
import org.tailor.api.delivery.TransportException;
import org.tailor.api.delivery.TriggerSummary;
import org.tailor.api.delivery.TriggerTimer;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
import org.tailor.api.segment.MembershipChange;
import org.tailor.api.store.StoreException;
import org.tailor.runtime.internal.TriggerFiring.Outcome;

class TriggerRuntimeTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String PURPOSE = "email_marketing";

    @TempDir
    Path tmp;

    private final SettableClock clock = new SettableClock(T0);
    private final InMemoryEvents events = new InMemoryEvents();
    private final Fakes.Profiles profiles = new Fakes.Profiles();
    private final Fakes.Segments segments = new Fakes.Segments();
    private final Fakes.Consent consent = new Fakes.Consent();
    private final Fakes.Subscriptions subscriptions = new Fakes.Subscriptions();
    private final Fakes.Renderer renderer = new Fakes.Renderer(p -> p.id().equals("broken"));
    private final Fakes.Outbox outbox = new Fakes.Outbox();
    private final List<TriggerRuntime> started = new ArrayList<>();
    private InMemoryTimerStore timers = new InMemoryTimerStore();
    private Path triggers;
    private CountingTransport transport;

    @BeforeEach
    void setUp() throws Exception {
        triggers = Files.createDirectories(tmp.resolve("triggers"));
        FileTransport files = new FileTransport(Converters.standardConverter()
                .convert(Map.of("directory", tmp.resolve("outbox").toString())).to(FileTransportConfig.class));
        transport = new CountingTransport(files);
        renderer.templates.add("cart-reminder");
        profiles.add(List.of(
                Fakes.profile("p1", "ann@example.com", Map.of("first_name", "Ann")),
                Fakes.profile("p2", "bob@example.com", Map.of("first_name", "Bob")),
                Fakes.profile("nomail", null, Map.of()),
                Fakes.profile("broken", "broken@example.com", Map.of())));
        for (String id : List.of("p1", "p2", "nomail", "broken")) {
            consent.granted.add(id + "/" + PURPOSE);
        }
    }

    @AfterEach
    void stop() {
        started.forEach(TriggerRuntime::deactivate);
    }

    @Test
    void aCartLeftAloneIsRemindedOnceAfterTheDelayWithTheCampaignVariables() throws Exception {
        cartTrigger();
        TriggerRuntime runtime = runtime();

        ingest(event("e1", "p1", "cart_added", T0, Map.of("product", "Tent")));
        TriggerTimer timer = onlyTimer("cart-abandoned", "p1");
        assertThat(timer.status()).isEqualTo(TimerStatus.PENDING);
        assertThat(timer.dueAt()).isEqualTo(T0.plus(Duration.ofHours(4)));
        assertThat(timer.cause()).isEqualTo("e1");

        clock.advance(Duration.ofHours(4).minusSeconds(1));
        assertThat(runtime.poll()).isEmpty();
        assertThat(transport.delivered).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(runtime.poll()).containsExactly(Map.entry(Outcome.FIRED, 1));
        assertThat(onlyTimer("cart-abandoned", "p1").status()).isEqualTo(TimerStatus.FIRED);
        assertThat(transport.delivered).singleElement().satisfies(entry -> {
            assertThat(entry.idempotencyKey()).isEqualTo(timer.key());
            assertThat(entry.campaignId()).isEqualTo("trigger-cart-abandoned");
            assertThat(entry.recipient()).isEqualTo("ann@example.com");
        });
        assertThat(outbox.counts("trigger-cart-abandoned")).containsExactly(Map.entry(OutboxStatus.SENT, 1L));

        Map<String, Object> variables = renderer.variables.get(0);
        assertThat(variables.get("unsubscribe_url")).asString().startsWith("https://shop.example.com/tailor/consent/unsubscribe");
        assertThat(variables.get("preferences_url")).asString().startsWith("https://shop.example.com/tailor/consent/preferences");
        assertThat(variables.get("campaign")).isEqualTo(Map.of("id", "cart-abandoned", "name", "Cart abandoned"));
        assertThat(variables.get("event")).isEqualTo(Map.of("id", "e1", "type", "cart_added", "occurred_at", T0,
                "properties", Map.of("product", "Tent")));
        assertThat(subscriptions.issued).singleElement().asString().endsWith(".p1.email_marketing.trigger-cart-abandoned");

        MimeMessage message = onlyMessage("trigger-cart-abandoned");
        assertThat(message.getHeader("X-Tailor-Campaign", null)).isEqualTo("trigger-cart-abandoned");
        assertThat(message.getHeader("List-Unsubscribe", null)).contains("https://shop.example.com/tailor/consent/unsubscribe");
        assertThat(message.getFrom()[0].toString()).isEqualTo("Shop <shop@example.com>");

        clock.advance(Duration.ofHours(1));
        assertThat(runtime.poll()).isEmpty();
        redeliver(runtime, event("e1", "p1", "cart_added", T0, Map.of()));
        assertThat(runtime.timers("cart-abandoned", "p1")).as("the same event again starts nothing").hasSize(1);
        assertThat(transport.delivered).hasSize(1);
    }

    @Test
    void anOrderAfterTheCartCancelsTheReminderAndOneBeforeItDoesNot() {
        cartTrigger();
        TriggerRuntime runtime = runtime();

        ingest(event("o0", "p1", "order", T0.minus(Duration.ofHours(1)), Map.of()));
        ingest(event("e1", "p1", "cart_added", T0, Map.of()));
        assertThat(onlyTimer("cart-abandoned", "p1").status()).isEqualTo(TimerStatus.PENDING);

        ingest(event("o1", "p1", "order", T0.plus(Duration.ofHours(1)), Map.of()));
        TriggerTimer cancelled = onlyTimer("cart-abandoned", "p1");
        assertThat(cancelled.status()).isEqualTo(TimerStatus.CANCELLED);
        assertThat(cancelled.detail()).isEqualTo("order at 2026-11-23T11:00:00Z (event o1)");

        clock.advance(Duration.ofHours(5));
        assertThat(runtime.poll()).isEmpty();
        assertThat(transport.delivered).isEmpty();
    }

    @Test
    void anOrderTheListenersNeverHeardOfStillCancelsWhenTheTimerIsDue() {
        cartTrigger();
        TriggerRuntime runtime = runtime();
        ingest(event("e1", "p1", "cart_added", T0, Map.of()));
        events.append(event("o1", "p1", "order", T0.plus(Duration.ofMinutes(30)), Map.of()));

        clock.advance(Duration.ofHours(4));
        assertThat(runtime.poll()).containsExactly(Map.entry(Outcome.CANCELLED, 1));
        assertThat(onlyTimer("cart-abandoned", "p1").detail()).isEqualTo("order at 2026-11-23T10:30:00Z (event o1)");
        assertThat(transport.delivered).isEmpty();
    }

    @Test
    void aLaterCartReplacesThePendingReminderSoItGoesOutAfterTheLastOne() {
        cartTrigger();
        TriggerRuntime runtime = runtime();
        ingest(event("e1", "p1", "cart_added", T0, Map.of()));
        ingest(event("e2", "p1", "cart_added", T0.plus(Duration.ofHours(2)), Map.of()));
        redeliver(runtime, event("e1", "p1", "cart_added", T0, Map.of()));

        List<TriggerTimer> both = runtime.timers("cart-abandoned", "p1");
        assertThat(both).extracting(TriggerTimer::cause, TriggerTimer::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("e1", TimerStatus.CANCELLED),
                org.assertj.core.groups.Tuple.tuple("e2", TimerStatus.PENDING));
        assertThat(both.get(0).detail()).startsWith("replaced by a later cart_added");

        clock.advance(Duration.ofHours(4));
        assertThat(runtime.poll()).isEmpty();
        clock.advance(Duration.ofHours(2));
        assertThat(runtime.poll()).containsExactly(Map.entry(Outcome.FIRED, 1));
        assertThat(transport.delivered).hasSize(1);
    }

    @Test
    void browseAbandonmentAndPostPurchaseFollowUp() {
        write("browse.json", """
                {"id": "browse-abandoned", "template": "cart-reminder", "purpose": "email_marketing",
                 "from": "shop@example.com", "when": {"after": "product_viewed", "unless": ["cart_added", "order"], "delayHours": 1}}
                """);
        write("follow-up.json", """
                {"id": "order-follow-up", "template": "cart-reminder", "purpose": "email_marketing",
                 "from": "shop@example.com", "when": {"after": "order", "delayDays": 3}}
                """);
        TriggerRuntime runtime = runtime();

        ingest(event("v1", "p1", "product_viewed", T0, Map.of()),
                event("c1", "p1", "cart_added", T0.plus(Duration.ofMinutes(10)), Map.of()),
                event("v2", "p2", "product_viewed", T0, Map.of()),
                event("o1", "p1", "order", T0.plus(Duration.ofMinutes(20)), Map.of()));

        clock.advance(Duration.ofHours(1));
        assertThat(runtime.poll()).containsExactly(Map.entry(Outcome.FIRED, 1));
        assertThat(onlyTimer("browse-abandoned", "p1").status()).isEqualTo(TimerStatus.CANCELLED);
        assertThat(onlyTimer("browse-abandoned", "p2").status()).isEqualTo(TimerStatus.FIRED);

        clock.advance(Duration.ofDays(3).minus(Duration.ofMinutes(40)).minusSeconds(1));
        assertThat(runtime.poll()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(runtime.poll()).containsExactly(Map.entry(Outcome.FIRED, 1));
        assertThat(transport.delivered).extracting(OutboxEntry::campaignId, OutboxEntry::profileId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("trigger-browse-abandoned", "p2"),
                org.assertj.core.groups.Tuple.tuple("trigger-order-follow-up", "p1"));

        assertThat(runtime.triggers()).extracting(TriggerSummary::id, TriggerSummary::kind, TriggerSummary::timers)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("browse-abandoned", TriggerSummary.Kind.BEHAVIOUR,
                                Map.of(TimerStatus.FIRED, 1L, TimerStatus.CANCELLED, 1L)),
                        org.assertj.core.groups.Tuple.tuple("order-follow-up", TriggerSummary.Kind.BEHAVIOUR,
                                Map.of(TimerStatus.FIRED, 1L)));
    }

    @Test
    void aTimerThatCrashedAfterWritingTheOutboxIsFiredAgainByAnotherNodeAndMailsOnce() {
        cartTrigger();
        AtomicInteger crashes = new AtomicInteger(1);
        timers = new InMemoryTimerStore() {
            @Override
            public synchronized boolean finish(String key, String node, TimerStatus status, String detail, Instant at) {
                if (status == TimerStatus.FIRED && crashes.getAndDecrement() > 0) {
                    throw new StoreException("connection lost before the timer was marked fired");
                }
                return super.finish(key, node, status, detail, at);
            }
        };
        TriggerRuntime first = runtime(Map.of("node.id", "node-1"));
        ingest(event("e1", "p1", "cart_added", T0, Map.of()));

        clock.advance(Duration.ofHours(4));
        assertThat(first.poll()).containsExactly(Map.entry(Outcome.LOST, 1));
        assertThat(transport.delivered).hasSize(1);
        TriggerTimer stuck = onlyTimer("cart-abandoned", "p1");
        assertThat(stuck.status()).isEqualTo(TimerStatus.PENDING);
        assertThat(stuck.claimedBy()).isEqualTo("node-1");
        first.deactivate();

        TriggerRuntime second = runtime(Map.of("node.id", "node-2"));
        clock.advance(Duration.ofMinutes(4));
        assertThat(second.poll()).as("node-1's lease still runs").isEmpty();
        clock.advance(Duration.ofMinutes(2));
        assertThat(second.poll()).containsExactly(Map.entry(Outcome.FIRED, 1));
        TriggerTimer fired = onlyTimer("cart-abandoned", "p1");
        assertThat(fired.status()).isEqualTo(TimerStatus.FIRED);
        assertThat(fired.detail()).isEqualTo("already in the outbox");
        assertThat(fired.attempts()).isEqualTo(2);
        assertThat(outbox.all()).hasSize(1);
        assertThat(transport.delivered).hasSize(1);
    }

    @Test
    void timersFireAfterARestartAndWhatHappenedWhileStoppedIsCaughtUp() {
        cartTrigger();
        TriggerRuntime before = runtime(Map.of("node.id", "node-1"));
        ingest(event("e1", "p1", "cart_added", T0, Map.of()));
        before.deactivate();

        // Ingested while no runtime listened.
        events.append(event("e2", "p2", "cart_added", T0.plus(Duration.ofMinutes(30)), Map.of()));
        clock.advance(Duration.ofHours(5));

        TriggerRuntime after = runtime(Map.of("node.id", "node-2"));
        assertThat(after.poll()).containsExactly(Map.entry(Outcome.FIRED, 2));
        assertThat(transport.delivered).extracting(OutboxEntry::profileId).containsExactlyInAnyOrder("p1", "p2");
    }

    @Test
    void aTimerClaimedByANodeThatDiedIsFiredOnceItsLeaseEnds() {
        cartTrigger();
        TriggerRuntime runtime = runtime(Map.of("lease.seconds", 300L));
        ingest(event("e1", "p1", "cart_added", T0, Map.of()));
        clock.advance(Duration.ofHours(4));
        assertThat(timers.claimDue("dead-node", clock.instant(), Duration.ofMinutes(5), 10)).hasSize(1);

        assertThat(runtime.poll()).isEmpty();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(runtime.poll()).containsExactly(Map.entry(Outcome.FIRED, 1));
        assertThat(transport.delivered).hasSize(1);
    }

    @Test
    void unreadableConsentKeepsTheTimerForLaterAndRefusedConsentSkipsIt() {
        cartTrigger();
        TriggerRuntime runtime = runtime(Map.of("retry.minutes", 10L));
        ingest(event("e1", "p1", "cart_added", T0, Map.of()), event("e2", "p2", "cart_added", T0, Map.of()));
        consent.granted.remove("p2/" + PURPOSE);
        consent.throwing = true;

        clock.advance(Duration.ofHours(4));
        assertThat(runtime.poll()).containsExactly(Map.entry(Outcome.WAITING, 2));
        TriggerTimer waiting = onlyTimer("cart-abandoned", "p1");
        assertThat(waiting.status()).isEqualTo(TimerStatus.PENDING);
        assertThat(waiting.claimedBy()).isEmpty();
        assertThat(waiting.dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(waiting.detail()).startsWith("consent for email_marketing could not be read");
        assertThat(transport.delivered).isEmpty();

        consent.throwing = false;
        clock.advance(Duration.ofMinutes(9));
        assertThat(runtime.poll()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(runtime.poll()).containsExactlyInAnyOrderEntriesOf(Map.of(Outcome.FIRED, 1, Outcome.SKIPPED, 1));
        assertThat(onlyTimer("cart-abandoned", "p2").detail()).isEqualTo("no consent for email_marketing: no record");
        assertThat(transport.delivered).extracting(OutboxEntry::profileId).containsExactly("p1");
    }

    @Test
    void noAddressAndFailedRendersAreSkippedAndAMissingTemplateWaits() {
        cartTrigger();
        TriggerRuntime runtime = runtime();
        ingest(event("e1", "nomail", "cart_added", T0, Map.of()), event("e2", "broken", "cart_added", T0, Map.of()),
                event("e3", "gone", "cart_added", T0, Map.of()));
        clock.advance(Duration.ofHours(4));

        assertThat(runtime.poll()).containsExactly(Map.entry(Outcome.SKIPPED, 3));
        assertThat(onlyTimer("cart-abandoned", "nomail").detail()).isEqualTo("no email address");
        assertThat(onlyTimer("cart-abandoned", "broken").detail()).startsWith("render failed: templates/cart-reminder/subject.vm");
        assertThat(onlyTimer("cart-abandoned", "gone").detail()).isEqualTo("the profile no longer exists");

        renderer.templates.remove("cart-reminder");
        ingest(event("e4", "p1", "cart_added", clock.instant(), Map.of()));
        clock.advance(Duration.ofHours(4));
        assertThat(runtime.poll()).containsExactly(Map.entry(Outcome.WAITING, 1));
        assertThat(onlyTimer("cart-abandoned", "p1").detail()).isEqualTo("template cart-reminder is not loaded (see the template problems)");
        assertThat(runtime.problems()).contains("trigger cart-abandoned: template cart-reminder is not loaded; its due timers wait");
        assertThat(transport.delivered).isEmpty();
    }

    @Test
    void eventsTooOldToMatterStartNothingAndLateTimersAreSkipped() {
        cartTrigger();
        TriggerRuntime runtime = runtime(Map.of("max.late.hours", 24L));
        ingest(event("old", "p1", "cart_added", T0.minus(Duration.ofDays(2)), Map.of()));
        assertThat(runtime.timers("cart-abandoned", "p1")).isEmpty();

        ingest(event("e1", "p2", "cart_added", T0, Map.of()));
        clock.advance(Duration.ofHours(4 + 25));
        assertThat(runtime.poll()).containsExactly(Map.entry(Outcome.SKIPPED, 1));
        assertThat(onlyTimer("cart-abandoned", "p2").detail()).startsWith("too late: due at 2026-11-23T14:00:00Z");
    }

    @Test
    void aBirthdayGoesOutAtNineInThePersonsTimeZoneOncePerYear() {
        birthdayTrigger();
        profiles.save(Fakes.profile("p1", "ann@example.com", Map.of("birth_date", LocalDate.of(1990, 11, 24),
                "time_zone", "Europe/Berlin")));
        profiles.save(Fakes.profile("p2", "bob@example.com", Map.of("birth_date", LocalDate.of(1990, 12, 25))));
        TriggerRuntime runtime = runtime();

        assertThat(runtime.poll()).isEmpty();
        TriggerTimer timer = onlyTimer("birthday", "p1");
        assertThat(timer.cause()).isEqualTo("2026");
        assertThat(timer.dueAt()).as("09:00 in Berlin, UTC+1 in November").isEqualTo("2026-11-24T08:00:00Z");
        assertThat(runtime.timers("birthday", "p2")).as("beyond the horizon").isEmpty();

        clock.set(Instant.parse("2026-11-24T07:59:59Z"));
        assertThat(runtime.poll()).isEmpty();
        clock.set(Instant.parse("2026-11-24T08:00:00Z"));
        assertThat(runtime.poll()).containsExactly(Map.entry(Outcome.FIRED, 1));

        clock.set(Instant.parse("2026-11-24T20:00:00Z"));
        assertThat(runtime.poll()).as("the sweep finds this year's timer there already").isEmpty();
        assertThat(runtime.timers("birthday", "p1")).hasSize(1);

        clock.set(Instant.parse("2027-11-24T08:00:00Z"));
        assertThat(runtime.poll()).containsExactly(Map.entry(Outcome.FIRED, 1));
        assertThat(runtime.timers("birthday", "p1")).extracting(TriggerTimer::cause).containsExactly("2026", "2027");
        assertThat(transport.delivered).extracting(OutboxEntry::profileId).containsExactly("p1", "p1");
    }

    @Test
    void aLeapDayBirthdayIsCelebratedOnThe28thInACommonYear() {
        birthdayTrigger();
        profiles.save(Fakes.profile("p1", "ann@example.com", Map.of("birth_date", LocalDate.of(1992, 2, 29))));
        clock.set(Instant.parse("2027-02-27T12:00:00Z"));
        TriggerRuntime runtime = runtime();

        runtime.poll();
        assertThat(onlyTimer("birthday", "p1").dueAt()).isEqualTo("2027-02-28T09:00:00Z");
        clock.set(Instant.parse("2027-02-28T09:00:00Z"));
        assertThat(runtime.poll()).containsExactly(Map.entry(Outcome.FIRED, 1));
    }

    @Test
    void aBirthDateChangedBeforeTheDayMovesTheTimerAndARemovedOneCancelsIt() {
        birthdayTrigger();
        profiles.save(Fakes.profile("p1", "ann@example.com", Map.of("birth_date", LocalDate.of(1990, 11, 24))));
        profiles.save(Fakes.profile("p2", "bob@example.com", Map.of("birth_date", LocalDate.of(1990, 11, 24))));
        TriggerRuntime runtime = runtime();
        runtime.poll();

        // Told through ingest: the timer moves with the date.
        profiles.save(Fakes.profile("p1", "ann@example.com", Map.of("birth_date", LocalDate.of(1990, 11, 24),
                "time_zone", "America/New_York")));
        runtime.ingested(java.util.Set.of("p1"), List.of());
        assertThat(onlyTimer("birthday", "p1").dueAt()).isEqualTo("2026-11-24T14:00:00Z");

        // Not told: the date is read again when the timer is due.
        profiles.save(Fakes.profile("p2", "bob@example.com", Map.of()));
        clock.set(Instant.parse("2026-11-24T09:00:00Z"));
        assertThat(runtime.poll()).containsExactly(Map.entry(Outcome.CANCELLED, 1));
        assertThat(onlyTimer("birthday", "p2").detail()).isEqualTo("no usable birth_date for 2026");

        profiles.save(Fakes.profile("p1", "ann@example.com", Map.of("birth_date", LocalDate.of(1990, 11, 25),
                "time_zone", "America/New_York")));
        clock.set(Instant.parse("2026-11-24T14:00:00Z"));
        assertThat(runtime.poll()).containsExactly(Map.entry(Outcome.WAITING, 1));
        assertThat(onlyTimer("birthday", "p1").dueAt()).isEqualTo("2026-11-25T14:00:00Z");
        clock.set(Instant.parse("2026-11-25T14:00:00Z"));
        assertThat(runtime.poll()).containsExactly(Map.entry(Outcome.FIRED, 1));
    }

    @Test
    void enteringASegmentSendsAfterTheDelayUnlessThePersonLeft() {
        write("vip.json", """
                {"id": "vip-welcome", "name": "Welcome to VIP", "template": "cart-reminder", "purpose": "email_marketing",
                 "from": "shop@example.com", "when": {"enters": "vip", "delayHours": 1}}
                """);
        Profile p1 = profiles.find("p1").orElseThrow();
        Profile p2 = profiles.find("p2").orElseThrow();
        segments.members.put("vip", new ArrayList<>(List.of(p1, p2)));
        segments.members.put("other", new ArrayList<>(List.of(p1)));
        TriggerRuntime runtime = runtime();

        runtime.membershipChanged(List.of(new MembershipChange("vip", "p1", true, T0),
                new MembershipChange("vip", "p2", true, T0), new MembershipChange("vip", "broken", true, T0),
                new MembershipChange("other", "p1", true, T0)));
        runtime.membershipChanged(List.of(new MembershipChange("vip", "p2", false, T0.plus(Duration.ofMinutes(10)))));
        assertThat(onlyTimer("vip-welcome", "p2").status()).isEqualTo(TimerStatus.CANCELLED);
        assertThat(onlyTimer("vip-welcome", "p2").detail()).isEqualTo("left segment vip at 2026-11-23T10:10:00Z");

        clock.advance(Duration.ofHours(1));
        assertThat(runtime.poll()).containsExactlyInAnyOrderEntriesOf(Map.of(Outcome.FIRED, 1, Outcome.CANCELLED, 1));
        assertThat(onlyTimer("vip-welcome", "broken").detail()).as("not a member when due").isEqualTo("no longer in segment vip");
        assertThat(transport.delivered).extracting(OutboxEntry::profileId).containsExactly("p1");
        assertThat(renderer.variables.get(0).get("campaign")).isEqualTo(Map.of("id", "vip-welcome", "name", "Welcome to VIP"));
    }

    @Test
    void fireNowSendsAPendingTimerAheadOfTimeWithTheSameChecks() {
        cartTrigger();
        TriggerRuntime runtime = runtime();
        ingest(event("e1", "p1", "cart_added", T0, Map.of()), event("e2", "nomail", "cart_added", T0, Map.of()));

        assertThat(runtime.fireNow("cart-abandoned", "p1")).singleElement()
                .satisfies(t -> assertThat(t.status()).isEqualTo(TimerStatus.FIRED));
        assertThat(runtime.fireNow("cart-abandoned", "nomail")).singleElement()
                .satisfies(t -> assertThat(t.status()).isEqualTo(TimerStatus.SKIPPED));
        assertThat(runtime.fireNow("cart-abandoned", "p1")).as("nothing pending any more").isEmpty();
        assertThat(transport.delivered).hasSize(1);
        assertThatThrownBy(() -> runtime.fireNow("nope", "p1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown trigger 'nope'");
    }

    @Test
    void problemsNameBrokenFilesAMissingTransportAndTimersOfTriggersThatAreGone() {
        cartTrigger();
        write("broken.json", "{\"id\": \"broken\", \"when\": 3}");
        timers.schedule(TriggerTimer.pending("k", "retired", "p1", "e0", T0, T0, 1));
        TriggerRuntime runtime = runtime();
        runtime.removeTransport(transport);

        assertThat(runtime.problems()).anySatisfy(p -> assertThat(p).startsWith(triggers.resolve("broken.json") + ":1:1:"))
                .anySatisfy(p -> assertThat(p).startsWith("no transport named 'file' is registered"))
                .contains("1 pending timers of trigger retired, which is not loaded, wait for it");

        ingest(event("e1", "p1", "cart_added", T0, Map.of()));
        clock.advance(Duration.ofHours(4));
        assertThat(runtime.poll()).containsExactlyInAnyOrderEntriesOf(Map.of(Outcome.FIRED, 1, Outcome.WAITING, 1));
        assertThat(outbox.counts("trigger-cart-abandoned")).as("queued until a transport comes")
                .containsExactly(Map.entry(OutboxStatus.PENDING, 1L));
        runtime.addTransport(transport, Map.of(Transport.NAME_PROPERTY, "file"));
        runtime.poll();
        assertThat(transport.delivered).hasSize(1);
    }

    @Test
    void scheduleWorkThatFailedInAListenerIsCaughtUpByTheNextPoll() {
        cartTrigger();
        AtomicInteger failures = new AtomicInteger(1);
        timers = new InMemoryTimerStore() {
            @Override
            public synchronized boolean schedule(TriggerTimer timer) {
                if (failures.getAndDecrement() > 0) {
                    throw new StoreException("database restarting");
                }
                return super.schedule(timer);
            }
        };
        TriggerRuntime runtime = runtime();
        runtime.poll();
        ingest(event("e1", "p1", "cart_added", T0, Map.of()));
        assertThat(runtime.timers("cart-abandoned", "p1")).isEmpty();
        assertThat(runtime.problems()).anySatisfy(p -> assertThat(p).contains("scheduling timers from ingest failed"));

        runtime.poll();
        assertThat(onlyTimer("cart-abandoned", "p1").status()).isEqualTo(TimerStatus.PENDING);
    }

    // --- helpers ---

    private void cartTrigger() {
        write("cart-abandoned.json", """
                {"id": "cart-abandoned", "name": "Cart abandoned", "template": "cart-reminder",
                 "purpose": "email_marketing", "from": "Shop <shop@example.com>", "version": 1,
                 "when": {"after": "cart_added", "unless": "order", "delayHours": 4}}
                """);
    }

    private void birthdayTrigger() {
        write("birthday.json", """
                {"id": "birthday", "template": "cart-reminder", "purpose": "email_marketing", "from": "shop@example.com",
                 "when": {"anniversary": "birth_date", "atLocalTime": "09:00"}}
                """);
    }

    private void write(String name, String json) {
        try {
            Files.writeString(triggers.resolve(name), json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TriggerRuntime runtime() {
        return runtime(Map.of());
    }

    private TriggerRuntime runtime(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("triggers.directory", triggers.toString(),
                "scan.interval.ms", 0L, "poll.interval.seconds", 0L, "node.id", "node-1"));
        config.putAll(overrides);
        TriggerRuntime runtime = new TriggerRuntime(Converters.standardConverter().convert(config).to(TriggerRuntimeConfig.class),
                new TriggerFiring.Services(profiles, events, segments, consent, subscriptions, renderer, outbox, timers),
                clock, Runnable::run);
        runtime.addTransport(transport, Map.of(Transport.NAME_PROPERTY, "file"));
        started.add(runtime);
        return runtime;
    }

    /** Stores the events and tells the runtime started last about the new ones, as ingest does. */
    private void ingest(Event... ingested) {
        List<Event> fresh = Stream.of(ingested).filter(events::append).toList();
        started.get(started.size() - 1).ingested(java.util.Set.of(), fresh);
    }

    /** Tells the runtime about events it has heard of before, as a catch-up does. */
    private static void redeliver(TriggerRuntime runtime, Event... again) {
        runtime.ingested(java.util.Set.of(), List.of(again));
    }

    private static Event event(String id, String profile, String type, Instant at, Map<String, Object> properties) {
        return new Event(id, profile, type, at, properties, "test");
    }

    private TriggerTimer onlyTimer(String trigger, String profile) {
        List<TriggerTimer> all = timers.timersOf(trigger, profile);
        assertThat(all).as("timers of %s for %s", trigger, profile).hasSize(1);
        return all.get(0);
    }

    private MimeMessage onlyMessage(String campaign) throws Exception {
        try (Stream<Path> files = Files.list(tmp.resolve("outbox").resolve(campaign))) {
            List<Path> written = files.toList();
            assertThat(written).hasSize(1);
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(Files.readAllBytes(written.get(0))));
        }
    }

    /** Hands every message to the file transport and remembers each hand-over. */
    static final class CountingTransport implements Transport {
        final List<OutboxEntry> delivered = new CopyOnWriteArrayList<>();
        private final Transport delegate;

        CountingTransport(Transport delegate) {
            this.delegate = delegate;
        }

        @Override
        public void deliver(OutboxEntry entry) throws TransportException {
            delegate.deliver(entry);
            delivered.add(entry);
        }
    }
}
