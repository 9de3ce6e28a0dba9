package org.tailor.segments.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.model.ProfileMerge;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.ProfileStore;

/**
 * A profile store and an event store in memory that behave as the real ones do where
 * {@link LiveMembership} looks: streaming, events since an instant, and merges (the absorbed
 * profile's id finds the survivor, its events move there).
 */
final class MemoryStores {

    final Profiles profiles = new Profiles();
    final Events events = new Events();

    /** Joins {@code absorbed} into {@code survivor} as the store does, and returns the survivor as it is now. */
    Profile merge(String survivorId, String absorbedId) {
        Profile survivor = profiles.live.get(survivorId);
        Profile absorbed = profiles.live.remove(absorbedId);
        Map<String, Object> attributes = new LinkedHashMap<>(survivor.attributes());
        absorbed.attributes().forEach(attributes::putIfAbsent);
        Set<Identity> identities = new LinkedHashSet<>(survivor.identities());
        identities.addAll(absorbed.identities());
        Profile merged = new Profile(survivorId, identities, attributes, survivor.createdAt(), survivor.updatedAt());
        profiles.live.put(survivorId, merged);
        profiles.absorbedInto.put(absorbedId, survivorId);
        events.all.replaceAll(e -> e.profileId().equals(absorbedId)
                ? new Event(e.id(), survivorId, e.type(), e.occurredAt(), e.properties(), e.source()) : e);
        return merged;
    }

    static final class Profiles implements ProfileStore {
        final Map<String, Profile> live = new TreeMap<>();
        final Map<String, String> absorbedInto = new LinkedHashMap<>();

        @Override
        public Optional<Profile> find(String profileId) {
            String id = profileId;
            while (absorbedInto.containsKey(id)) {
                id = absorbedInto.get(id);
            }
            return Optional.ofNullable(live.get(id));
        }

        @Override
        public Optional<Profile> findByIdentity(Identity identity) {
            return live.values().stream().filter(p -> p.identities().contains(identity)).findFirst();
        }

        @Override
        public void save(Profile profile) {
            live.put(profile.id(), profile);
        }

        @Override
        public long count() {
            return live.size();
        }

        @Override
        public void forEach(Consumer<Profile> visitor) {
            List.copyOf(live.values()).forEach(visitor);
        }

        @Override
        public ProfileMerge merge(String survivorId, String absorbedId, String reason, Instant at) {
            throw new UnsupportedOperationException("use MemoryStores.merge");
        }

        @Override
        public ProfileMerge unmerge(String mergeId, Instant at) {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public List<ProfileMerge> merges(String profileId) {
            return List.of();
        }

        @Override
        public Optional<ProfileMerge> findMerge(String mergeId) {
            return Optional.empty();
        }
    }

    static final class Events implements EventStore {
        final List<Event> all = new ArrayList<>();

        @Override
        public boolean append(Event event) {
            return all.add(event);
        }

        @Override
        public List<Event> eventsOf(String profileId, Instant since) {
            return all.stream().filter(e -> e.profileId().equals(profileId) && !e.occurredAt().isBefore(since))
                    .sorted(Comparator.comparing(Event::occurredAt)).toList();
        }

        @Override
        public long forEachSince(Instant since, Consumer<Event> visitor) {
            List<Event> found = all.stream().filter(e -> !e.occurredAt().isBefore(since)).toList();
            found.forEach(visitor);
            return found.size();
        }

        @Override
        public long count() {
            return all.size();
        }
    }
}
