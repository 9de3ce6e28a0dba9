package org.tailor.ingest.internal;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.store.ProfileStore;
import org.tailor.api.store.StoreException;

/** A ProfileStore that enforces, like the real one, that an identity belongs to at most one profile. */
final class InMemoryProfileStore implements ProfileStore {

    private final Map<String, Profile> profiles = new TreeMap<>();
    final AtomicInteger saves = new AtomicInteger();

    @Override
    public synchronized Optional<Profile> find(String profileId) {
        return Optional.ofNullable(profiles.get(profileId));
    }

    @Override
    public synchronized Optional<Profile> findByIdentity(Identity identity) {
        return profiles.values().stream().filter(p -> p.identities().contains(identity)).findFirst();
    }

    @Override
    public synchronized void save(Profile profile) {
        for (Identity identity : profile.identities()) {
            findByIdentity(identity).filter(other -> !other.id().equals(profile.id())).ifPresent(other -> {
                throw new StoreException("identity " + identity.namespace() + " belongs to profile " + other.id());
            });
        }
        saves.incrementAndGet();
        profiles.put(profile.id(), profile);
    }

    @Override
    public synchronized long count() {
        return profiles.size();
    }

    @Override
    public synchronized void forEach(Consumer<Profile> visitor) {
        profiles.values().forEach(visitor);
    }

    synchronized Profile only() {
        if (profiles.size() != 1) {
            throw new AssertionError("expected one profile, found " + profiles.size());
        }
        return profiles.values().iterator().next();
    }
}
