package org.tailor.consent.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.consent.SuppressionList;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.model.Suppression;
import org.tailor.api.model.SuppressionReason;
import org.tailor.api.store.ProfileStore;
import org.tailor.api.store.SuppressionStore;

/**
 * The suppression list over the store, by keyed hash. Adding an address makes the cached consent
 * of the profile holding it stale before the add returns, so the next check for an email purpose
 * already says no; lifting one makes every cached answer stale (a lift only ever turns a no into
 * a yes, so a late lift is safe).
 */
@Component(service = SuppressionList.class)
public final class SuppressionRegistry implements SuppressionList {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final SuppressionStore store;
    private final ProfileStore profiles;
    private final ConsentCache cache;
    private final AddressHasher hasher;
    private final Clock clock;

    @Activate
    public SuppressionRegistry(@Reference SuppressionStore store, @Reference ProfileStore profiles,
                               @Reference ConsentCache cache, @Reference ConsentKeys keys) {
        this(store, profiles, cache, keys.addressHasher(), Clock.systemUTC());
    }

    SuppressionRegistry(SuppressionStore store, ProfileStore profiles, ConsentCache cache, AddressHasher hasher,
                        Clock clock) {
        this.store = store;
        this.profiles = profiles;
        this.cache = cache;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public boolean add(String address, SuppressionReason reason, String note, String actor) {
        Objects.requireNonNull(reason, "reason");
        String hash = hasher.hash(address);
        Suppression suppression = new Suppression(hash, reason, note == null ? "" : note.strip(), clock.instant());
        List<String> holders = profiles.findByIdentity(new Identity(Identity.EMAIL, AddressHasher.normalize(address)))
                .map(Profile::id).stream().toList();
        if (holders.isEmpty()) {
            // No profile holds the address as written (an address spelled in another case, say): any
            // cached answer may be the one that must now say no.
            boolean added = store.add(suppression, actor);
            cache.changedAll();
            return added;
        }
        return cache.writing(holders, () -> store.add(suppression, actor));
    }

    @Override
    public Optional<Suppression> find(String address) {
        return store.find(hasher.hash(address));
    }

    @Override
    public List<Suppression> list(Instant before, int limit) {
        return store.list(before, limit);
    }

    @Override
    public boolean remove(String addressOrHash, String actor, String reason) {
        String hash = HASH.matcher(addressOrHash).matches() ? addressOrHash : hasher.hash(addressOrHash);
        boolean removed = store.remove(hash, actor, reason);
        cache.changedAll();
        return removed;
    }

    @Override
    public String hashOf(String address) {
        return hasher.hash(address);
    }
}
