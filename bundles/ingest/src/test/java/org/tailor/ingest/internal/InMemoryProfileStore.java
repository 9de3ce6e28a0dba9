package org.tailor.ingest.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.model.ProfileMerge;
import org.tailor.api.store.ProfileStore;
import org.tailor.api.store.StoreException;

/**
 * A ProfileStore that enforces, like the real one, that an identity belongs to at most one profile,
 * and merges and unmerges profiles (not their events: the real store's tests cover that).
 */
final class InMemoryProfileStore implements ProfileStore {

    private record Undo(ProfileMerge merge, Profile absorbedBefore, Set<Identity> survivorIdentitiesBefore,
                        Map<String, Object> survivorAttributesBefore) {
    }

    private final Map<String, Profile> profiles = new TreeMap<>();
    private final Map<String, String> absorbedInto = new HashMap<>();
    private final Map<String, Undo> merges = new LinkedHashMap<>();
    final AtomicInteger saves = new AtomicInteger();

    @Override
    public synchronized Optional<Profile> find(String profileId) {
        String id = profileId;
        while (absorbedInto.containsKey(id)) {
            id = absorbedInto.get(id);
        }
        return Optional.ofNullable(profiles.get(id));
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

    @Override
    public synchronized ProfileMerge merge(String survivorId, String absorbedId, String reason, Instant at) {
        Profile survivor = profiles.get(survivorId);
        Profile absorbed = profiles.get(absorbedId);
        if (survivor == null || absorbed == null || survivorId.equals(absorbedId)) {
            throw new StoreException("cannot merge " + absorbedId + " into " + survivorId);
        }
        Set<Identity> identities = new LinkedHashSet<>(survivor.identities());
        identities.addAll(absorbed.identities());
        Map<String, Object> attributes = new LinkedHashMap<>(absorbed.attributes());
        attributes.putAll(survivor.attributes());
        ProfileMerge merge = new ProfileMerge("m" + (merges.size() + 1), survivorId, absorbedId, at, reason, Optional.empty());
        merges.put(merge.id(), new Undo(merge, absorbed, survivor.identities(), survivor.attributes()));
        profiles.remove(absorbedId);
        absorbedInto.put(absorbedId, survivorId);
        profiles.put(survivorId, new Profile(survivorId, identities, attributes, survivor.createdAt(), at));
        return merge;
    }

    @Override
    public synchronized ProfileMerge unmerge(String mergeId, Instant at) {
        Undo undo = merges.get(mergeId);
        if (undo == null || !undo.merge().active()) {
            throw new StoreException("no active merge " + mergeId);
        }
        Profile survivor = profiles.get(undo.merge().survivorId());
        Set<Identity> identities = new LinkedHashSet<>(survivor.identities());
        identities.removeAll(undo.absorbedBefore().identities());
        identities.addAll(undo.survivorIdentitiesBefore());
        profiles.put(survivor.id(), new Profile(survivor.id(), identities, undo.survivorAttributesBefore(), survivor.createdAt(), at));
        profiles.put(undo.absorbedBefore().id(), undo.absorbedBefore());
        absorbedInto.remove(undo.absorbedBefore().id());
        ProfileMerge undone = new ProfileMerge(mergeId, undo.merge().survivorId(), undo.merge().absorbedId(),
                undo.merge().mergedAt(), undo.merge().reason(), Optional.of(at));
        merges.put(mergeId, new Undo(undone, undo.absorbedBefore(), undo.survivorIdentitiesBefore(), undo.survivorAttributesBefore()));
        return undone;
    }

    @Override
    public synchronized List<ProfileMerge> merges(String profileId) {
        List<ProfileMerge> result = new ArrayList<>();
        merges.values().stream().map(Undo::merge)
                .filter(m -> m.survivorId().equals(profileId) || m.absorbedId().equals(profileId))
                .forEach(result::add);
        return result;
    }

    @Override
    public synchronized Optional<ProfileMerge> findMerge(String mergeId) {
        return Optional.ofNullable(merges.get(mergeId)).map(Undo::merge);
    }

    synchronized Profile only() {
        if (profiles.size() != 1) {
            throw new AssertionError("expected one profile, found " + profiles.size());
        }
        return profiles.values().iterator().next();
    }
}
