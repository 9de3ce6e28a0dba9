package org.tailor.ingest.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.tailor.api.ingest.Violation;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.store.ProfileStore;

/**
 * Finds the one profile a record's identities belong to, creating or updating it.
 *
 * <p>Lookup and save happen under one lock: otherwise two records for the same new person, ingested
 * at once, would both find nothing and create two profiles. A single lock is enough while one
 * Tailor node ingests; the store's unique identities catch anything that slips past it.
 */
final class ProfileResolver {

    /** The profile a record went to, and whether it was created for it. */
    record Resolved(Profile profile, boolean created) {
    }

    private final ProfileStore profiles;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();

    ProfileResolver(ProfileStore profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    /**
     * Resolves the identities to one profile and applies the attributes (given ones override,
     * absent ones are kept) and any identity the profile does not have yet.
     *
     * @param identities at least one, customer id before email
     */
    Checked<Resolved> resolve(List<Identity> identities, Map<String, Object> attributes) {
        lock.lock();
        try {
            Map<String, Profile> found = new LinkedHashMap<>();
            Map<String, Identity> foundBy = new LinkedHashMap<>();
            for (Identity identity : identities) {
                profiles.findByIdentity(identity).ifPresent(p -> {
                    found.putIfAbsent(p.id(), p);
                    foundBy.putIfAbsent(p.id(), identity);
                });
            }
            if (found.size() > 1) {
                return Checked.invalid(List.of(conflict(foundBy)));
            }
            Instant now = clock.instant();
            if (found.isEmpty()) {
                Profile created = new Profile(UUID.randomUUID().toString(), new LinkedHashSet<>(identities), attributes, now, now);
                profiles.save(created);
                return Checked.valid(new Resolved(created, true));
            }
            Profile existing = found.values().iterator().next();
            Set<Identity> mergedIdentities = new LinkedHashSet<>(existing.identities());
            mergedIdentities.addAll(identities);
            Map<String, Object> mergedAttributes = new LinkedHashMap<>(existing.attributes());
            mergedAttributes.putAll(attributes);
            if (mergedIdentities.equals(existing.identities()) && mergedAttributes.equals(existing.attributes())) {
                // Nothing new: leave updatedAt alone so that re-importing a file changes nothing.
                return Checked.valid(new Resolved(existing, false));
            }
            Profile updated = new Profile(existing.id(), mergedIdentities, mergedAttributes, existing.createdAt(), now);
            profiles.save(updated);
            return Checked.valid(new Resolved(updated, false));
        } finally {
            lock.unlock();
        }
    }

    // Merging two profiles is issue 3; until then a record that joins two people is refused, never
    // applied to one of them at random.
    private static Violation conflict(Map<String, Identity> foundBy) {
        var entries = List.copyOf(foundBy.entrySet());
        var first = entries.get(0);
        var second = entries.get(1);
        return new Violation(second.getValue().namespace(), "already belongs to profile " + second.getKey()
                + ", but " + first.getValue().namespace() + " belongs to profile " + first.getKey()
                + "; merging profiles is not supported yet, so the record was not applied");
    }
}
