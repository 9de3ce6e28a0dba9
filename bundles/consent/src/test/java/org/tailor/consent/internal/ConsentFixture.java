package org.tailor.consent.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.store.internal.TestStores;

/** The consent components wired as DS wires them, over the real store on H2 and a clock the test moves. */
final class ConsentFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final byte[] SUPPRESSION_KEY = "suppression-key-for-tests-only-32bytes!".getBytes();
    static final byte[] TOKEN_KEY = "token-key-for-tests-only-at-least-32-bytes".getBytes();

    final TestStores stores;
    final MutableClock clock = new MutableClock(T0);
    final BreakableConsentStore consentStore;
    final ConsentCache cache;
    final ConsentKeys keys = new ConsentKeys(SUPPRESSION_KEY, TOKEN_KEY);
    final SuppressionRegistry suppressions;
    final ConsentLedgerService ledger;

    ConsentFixture() {
        this(TestStores.h2(), defaultPurposes());
    }

    ConsentFixture(TestStores stores, Purposes purposes) {
        this.stores = stores;
        this.consentStore = new BreakableConsentStore(stores.consent);
        this.cache = new ConsentCache(10_000, Duration.ofMinutes(5));
        this.suppressions = new SuppressionRegistry(stores.suppressions, stores.profiles, cache, keys.addressHasher(), clock);
        this.ledger = new ConsentLedgerService(purposes, consentStore, stores.profiles, stores.people, suppressions,
                cache, clock);
    }

    static Purposes defaultPurposes() {
        return new Purposes(new String[] {"email_marketing", "personalization", "analytics", "sale_sharing"},
                new String[] {"email_marketing"}, new String[] {"first_name", "locale"},
                new String[] {"personalization=*", "analytics=last_visit_at, visit_count"});
    }

    /** Saves a profile with an email address. */
    Profile person(String id, String email) {
        Profile profile = new Profile(id, Set.of(new Identity(Identity.EMAIL, email)), Map.of("first_name", id), T0, T0);
        stores.profiles.save(profile);
        return profile;
    }

    @Override
    public void close() {
        stores.close();
    }
}
