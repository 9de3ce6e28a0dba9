package org.tailor.segments.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.model.ProfileMerge;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.ProfileStore;

/** The profile and event stores {@link LiveMembership} reads, answered from a {@link SyntheticShop} without holding it. */
final class SyntheticStores {

    private SyntheticStores() {
    }

    static ProfileStore profiles(SyntheticShop shop) {
        return new ProfileStore() {
            @Override
            public Optional<Profile> find(String profileId) {
                int i = SyntheticShop.index(profileId);
                return i >= 0 && i < shop.profiles ? Optional.of(shop.profile(i)) : Optional.empty();
            }

            @Override
            public Optional<Profile> findByIdentity(Identity identity) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void save(Profile profile) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long count() {
                return shop.profiles;
            }

            @Override
            public void forEach(Consumer<Profile> visitor) {
                for (int i = 0; i < shop.profiles; i++) {
                    visitor.accept(shop.profile(i));
                }
            }

            @Override
            public ProfileMerge merge(String survivorId, String absorbedId, String reason, Instant at) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ProfileMerge unmerge(String mergeId, Instant at) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<ProfileMerge> merges(String profileId) {
                return List.of();
            }

            @Override
            public Optional<ProfileMerge> findMerge(String mergeId) {
                return Optional.empty();
            }
        };
    }

    static EventStore events(SyntheticShop shop) {
        return new EventStore() {
            @Override
            public boolean append(Event event) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Event> eventsOf(String profileId, Instant since) {
                return shop.events(SyntheticShop.index(profileId)).stream().filter(e -> !e.occurredAt().isBefore(since)).toList();
            }

            @Override
            public long forEachSince(Instant since, Consumer<Event> visitor) {
                long n = 0;
                for (int i = 0; i < shop.profiles; i++) {
                    for (Event e : shop.events(i)) {
                        if (!e.occurredAt().isBefore(since)) {
                            visitor.accept(e);
                            n++;
                        }
                    }
                }
                return n;
            }

            @Override
            public long count() {
                return shop.eventCount();
            }
        };
    }
}
