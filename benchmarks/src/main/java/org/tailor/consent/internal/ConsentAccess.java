package org.tailor.consent.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.tailor.store.internal.StoreAccess;

/**
 * Wires the consent service outside OSGi for the benchmarks as DS wires it, with the default
 * configuration's purposes and fresh random keys. In the consent bundle's package because its
 * constructors are not public API.
 */
public final class ConsentAccess {

    private ConsentAccess() {
    }

    public static ConsentLedgerService ledger(StoreAccess stores) {
        return ledger(stores, 1_000_000);
    }

    public static ConsentLedgerService ledger(StoreAccess stores, int cacheSize) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        ConsentCache cache = new ConsentCache(cacheSize, Duration.ofHours(1));
        SuppressionRegistry suppressions = new SuppressionRegistry(stores.suppressions, stores.profiles, cache,
                new AddressHasher(key), Clock.systemUTC());
        Purposes purposes = new Purposes(new String[] {"email_marketing", "personalization", "analytics", "sale_sharing"},
                new String[] {"email_marketing"}, new String[] {"first_name", "locale", "time_zone"},
                new String[] {"personalization=*"});
        return new ConsentLedgerService(purposes, stores.consent, stores.profiles, stores.people, suppressions, cache,
                Clock.systemUTC());
    }
}
