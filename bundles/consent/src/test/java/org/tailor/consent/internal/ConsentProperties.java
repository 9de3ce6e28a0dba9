package org.tailor.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.consent.internal.ConsentFixture.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tailor.api.consent.ConsentDecision;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.LawfulBasis;
import org.tailor.api.model.SuppressionReason;

/**
 * Properties of the consent gate over random sequences of grants, withdrawals, re-asks, expiries,
 * merges, suppressions and checks, against the real service and store (H2 in memory).
 *
 * <p>Generated from seeded {@link Random}s rather than with jqwik: jqwik 1.10 prints a notice to
 * whoever runs it that the team does not want in its builds, and seeds make every failure
 * reproducible by its seed alone (the seed is in the test's name).
 *
 * <p>The claims: a check never says yes unless, at that moment, the person (every profile merged
 * into them) has a grant in force that no later withdrawal, denial or expiry overrides and, for an
 * email purpose, no suppressed address; and the answer always equals a replay of the whole history
 * (so the cache never answers from a state older than a completed write).
 */
class ConsentProperties {

    private static final List<String> PURPOSES = List.of(ConsentRecord.EMAIL_MARKETING, ConsentRecord.ANALYTICS);
    private static final List<ConsentStatus> STATUSES = List.of(ConsentStatus.GRANTED, ConsentStatus.GRANTED,
            ConsentStatus.WITHDRAWN, ConsentStatus.DENIED, ConsentStatus.PENDING, ConsentStatus.EXPIRED);
    private static final int PEOPLE = 5;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233})
    void aCheckSaysYesOnlyForAValidConsentAtThatMoment(long seed) {
        Random random = new Random(seed);
        try (ConsentFixture fixture = new ConsentFixture()) {
            Model model = new Model();
            for (int p = 0; p < PEOPLE; p++) {
                fixture.person("p" + p, "p" + p + "@example.com");
            }
            for (int step = 0; step < 150; step++) {
                int op = random.nextInt(100);
                String profile = "p" + random.nextInt(PEOPLE);
                Instant now = fixture.clock.instant();
                if (op < 45) {
                    ConsentRecord entry = randomEntry(random, profile, now);
                    fixture.ledger.record(entry);
                    model.entries.add(entry);
                } else if (op < 50) {
                    String other = "p" + random.nextInt(PEOPLE);
                    String survivor = model.root(profile);
                    String absorbed = model.root(other);
                    if (!survivor.equals(absorbed)) {
                        fixture.stores.profiles.merge(survivor, absorbed, "test", now);
                        fixture.ledger.ingested(Set.of(survivor, absorbed), List.of());
                        model.absorbedInto.put(absorbed, survivor);
                    }
                } else if (op < 55) {
                    String address = "p" + random.nextInt(PEOPLE) + "@example.com";
                    if (random.nextBoolean()) {
                        fixture.suppressions.add(address, SuppressionReason.COMPLAINT, "", "test");
                        model.suppressed.add(address);
                    } else {
                        fixture.suppressions.remove(address, "test", "test");
                        model.suppressed.remove(address);
                    }
                } else if (op < 62) {
                    fixture.clock.advance(Duration.ofMinutes(1 + random.nextInt(120)));
                } else {
                    String purpose = PURPOSES.get(random.nextInt(PURPOSES.size()));
                    ConsentDecision decision = fixture.ledger.check(profile, purpose);
                    if (decision.allowed()) {
                        assertThat(model.validGrant(profile, purpose, now))
                                .as("seed %d step %d: yes for %s/%s without a valid consent: %s", seed, step, profile,
                                        purpose, decision.reason()).isPresent();
                    }
                    assertThat(decision.allowed()).as("seed %d step %d: %s/%s: %s", seed, step, profile, purpose,
                            decision.reason()).isEqualTo(model.replay(profile, purpose, now));
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 11, 17, 19})
    void aWithdrawalRacingGrantsAndChecksIsSeenByTheNextCheck(long seed) throws Exception {
        Random random = new Random(seed);
        try (ConsentFixture fixture = new ConsentFixture()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < 15; round++) {
                    String profile = "race" + round;
                    Instant base = T0.plusSeconds(round * 1000L);
                    fixture.ledger.record(grant(profile, base));
                    AtomicBoolean stop = new AtomicBoolean();
                    CountDownLatch started = new CountDownLatch(3);
                    List<Future<?>> noise = new ArrayList<>();
                    for (int t = 0; t < 2; t++) {
                        noise.add(pool.submit(() -> {
                            started.countDown();
                            while (!stop.get()) {
                                fixture.ledger.check(profile, ConsentRecord.EMAIL_MARKETING);
                            }
                        }));
                    }
                    int grants = 1 + random.nextInt(5);
                    noise.add(pool.submit(() -> {
                        started.countDown();
                        for (int g = 1; g <= grants; g++) {
                            fixture.ledger.record(grant(profile, base.plusMillis(g)));
                        }
                    }));
                    started.await(10, TimeUnit.SECONDS);
                    fixture.ledger.record(new ConsentRecord(profile, ConsentRecord.EMAIL_MARKETING,
                            ConsentStatus.WITHDRAWN, base.plusSeconds(500), "race"));
                    boolean allowedAfterWithdrawal = fixture.ledger.check(profile, ConsentRecord.EMAIL_MARKETING).allowed();
                    stop.set(true);
                    for (Future<?> f : noise) {
                        f.get(30, TimeUnit.SECONDS);
                    }
                    assertThat(allowedAfterWithdrawal).as("seed %d round %d", seed, round).isFalse();
                    assertThat(fixture.ledger.check(profile, ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static ConsentRecord grant(String profile, Instant at) {
        return new ConsentRecord(profile, ConsentRecord.EMAIL_MARKETING, ConsentStatus.GRANTED, at, "race");
    }

    /** An entry of a random status, at a random time up to two hours back (sources deliver late), sometimes expiring. */
    private static ConsentRecord randomEntry(Random random, String profile, Instant now) {
        ConsentStatus status = STATUSES.get(random.nextInt(STATUSES.size()));
        Instant at = now.minusSeconds(random.nextInt(4) == 0 ? random.nextInt(7200) : 0);
        Optional<Instant> expires = status == ConsentStatus.GRANTED && random.nextInt(3) == 0
                ? Optional.of(at.plusSeconds(60 + random.nextInt(7200))) : Optional.empty();
        return new ConsentRecord(profile, PURPOSES.get(random.nextInt(PURPOSES.size())), status, at, "random",
                LawfulBasis.CONSENT, "test", "", "", ConsentRecord.SUBJECT, expires);
    }

    /** What the tests know independently of the service: every entry, the merges, the suppressions. */
    private static final class Model {
        final List<ConsentRecord> entries = new ArrayList<>();
        final Map<String, String> absorbedInto = new HashMap<>();
        final Set<String> suppressed = new HashSet<>();

        String root(String profile) {
            String current = profile;
            while (absorbedInto.containsKey(current)) {
                current = absorbedInto.get(current);
            }
            return current;
        }

        List<ConsentRecord> personEntries(String profile, String purpose) {
            String root = root(profile);
            return entries.stream().filter(e -> e.purpose().equals(purpose) && root(e.profileId()).equals(root)).toList();
        }

        boolean addressSuppressed(String profile) {
            String root = root(profile);
            return suppressed.stream().anyMatch(a -> root(a.substring(0, a.indexOf('@'))).equals(root));
        }

        /**
         * The safety oracle: a grant in force now that no withdrawal, denial or recorded expiry at the same
         * time or later overrides, and no suppressed address for an email purpose.
         */
        Optional<ConsentRecord> validGrant(String profile, String purpose, Instant now) {
            if (purpose.equals(ConsentRecord.EMAIL_MARKETING) && addressSuppressed(profile)) {
                return Optional.empty();
            }
            List<ConsentRecord> mine = personEntries(profile, purpose);
            return mine.stream()
                    .filter(g -> g.grantsAt(now))
                    .filter(g -> mine.stream().noneMatch(n -> !n.recordedAt().isBefore(g.recordedAt())
                            && n.status() != ConsentStatus.GRANTED && n.status() != ConsentStatus.PENDING))
                    .findFirst();
        }

        /** The answer by replaying the person's entries in time order, written out step by step. */
        boolean replay(String profile, String purpose, Instant now) {
            if (purpose.equals(ConsentRecord.EMAIL_MARKETING) && addressSuppressed(profile)) {
                return false;
            }
            List<ConsentRecord> mine = new ArrayList<>(personEntries(profile, purpose));
            ConsentRecord state = null;
            while (!mine.isEmpty()) {
                // The earliest left; of equal times a grant first, so that a non-grant at the same time comes after it.
                ConsentRecord next = mine.get(0);
                for (ConsentRecord e : mine) {
                    boolean earlier = e.recordedAt().isBefore(next.recordedAt());
                    boolean grantAtSameTime = e.recordedAt().equals(next.recordedAt())
                            && e.status() == ConsentStatus.GRANTED && next.status() != ConsentStatus.GRANTED;
                    if (earlier || grantAtSameTime) {
                        next = e;
                    }
                }
                mine.remove(next);
                boolean askedAgainWhileGranted = next.status() == ConsentStatus.PENDING && state != null
                        && state.status() == ConsentStatus.GRANTED && state.recordedAt().isBefore(next.recordedAt())
                        && state.expiresAt().map(next.recordedAt()::isBefore).orElse(true);
                if (!askedAgainWhileGranted) {
                    state = next;
                }
            }
            return state != null && state.status() == ConsentStatus.GRANTED
                    && state.expiresAt().map(now::isBefore).orElse(true);
        }
    }
}
