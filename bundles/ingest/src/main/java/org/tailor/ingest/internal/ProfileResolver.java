package org.tailor.ingest.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.tailor.api.ingest.Violation;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.model.ProfileMerge;
import org.tailor.api.store.ProfileStore;

/**
 * Finds the one profile a record's identities belong to, creating, updating or merging profiles.
 *
 * <p>Resolution is deterministic: a record whose identities lead to several profiles shows they are
 * one person, so they are merged into the one with a customer id (else the oldest), unless they
 * hold different customer ids: two customers of the shop are never merged on a shared email or
 * device, and such a record is refused as a conflict for an admin to look at.
 *
 * <p>Everything happens under one lock, shared with admin merges: otherwise two records for the same
 * new person, ingested at once, would both find nothing and create two profiles. One lock is enough
 * while one Tailor node ingests; the store's unique identities catch anything that slips past it.
 */
final class ProfileResolver {

    /** The profile a record went to, whether it was created or changed, and the merges it caused. */
    record Resolved(Profile profile, boolean created, boolean changed, List<ProfileMerge> merges) {
    }

    private final ProfileStore profiles;
    private final ConsentCombiner consent;
    private final Clock clock;
    private final ReentrantLock lock;

    /** The lock ingest and merges share; batch ingest holds it for a whole batch. */
    ReentrantLock lock() {
        return lock;
    }

    ProfileResolver(ProfileStore profiles, ConsentCombiner consent, Clock clock, ReentrantLock lock) {
        this.profiles = profiles;
        this.consent = consent;
        this.clock = clock;
        this.lock = lock;
    }

    /**
     * Resolves the identities to one profile and applies the attributes (given ones override,
     * absent ones are kept) and any identity the profile does not have yet.
     *
     * @param identities at least one, most stable first
     * @param why what the record is, for the merge log, such as {@code csv:crm.csv:7}
     */
    Checked<Resolved> resolve(List<Identity> identities, Map<String, Object> attributes, String why) {
        lock.lock();
        try {
            Map<String, Profile> found = new LinkedHashMap<>();
            for (Identity identity : identities) {
                profiles.findByIdentity(identity).ifPresent(p -> found.putIfAbsent(p.id(), p));
            }
            Optional<Violation> conflict = customerIdConflict(identities, found.values());
            if (conflict.isPresent()) {
                return Checked.invalid(List.of(conflict.get()));
            }
            Instant now = clock.instant();
            if (found.isEmpty()) {
                Profile created = created(identities, attributes, now);
                profiles.save(created);
                return Checked.valid(new Resolved(created, true, true, List.of()));
            }
            List<ProfileMerge> merges = new ArrayList<>();
            Profile existing = found.size() == 1 ? found.values().iterator().next()
                    : mergeAll(List.copyOf(found.values()), reason(identities, why), merges);
            Optional<Profile> updated = updated(existing, identities, attributes, now);
            if (updated.isEmpty()) {
                return Checked.valid(new Resolved(existing, false, !merges.isEmpty(), merges));
            }
            profiles.save(updated.get());
            return Checked.valid(new Resolved(updated.get(), false, true, merges));
        } finally {
            lock.unlock();
        }
    }

    /** A new profile for identities no profile holds yet. */
    static Profile created(List<Identity> identities, Map<String, Object> attributes, Instant now) {
        return new Profile(UUID.randomUUID().toString(), new LinkedHashSet<>(identities), attributes, now, now);
    }

    /**
     * The profile with the record's identities and attributes applied (given attributes override,
     * absent ones are kept), or empty when that changes nothing: then updatedAt stays as it is, so
     * that re-importing a file changes nothing.
     */
    static Optional<Profile> updated(Profile existing, List<Identity> identities, Map<String, Object> attributes, Instant now) {
        Set<Identity> mergedIdentities = new LinkedHashSet<>(existing.identities());
        mergedIdentities.addAll(identities);
        Map<String, Object> mergedAttributes = new LinkedHashMap<>(existing.attributes());
        mergedAttributes.putAll(attributes);
        if (mergedIdentities.equals(existing.identities()) && mergedAttributes.equals(existing.attributes())) {
            return Optional.empty();
        }
        return Optional.of(new Profile(existing.id(), mergedIdentities, mergedAttributes, existing.createdAt(), now));
    }

    /** Joins two profiles an admin says are one person; same rules as automatic merges. */
    ProfileMerge mergeByHand(String survivorId, String absorbedId, String reason) {
        lock.lock();
        try {
            Profile survivor = existing(survivorId);
            Profile absorbed = existing(absorbedId);
            if (survivor.id().equals(absorbed.id())) {
                throw new IllegalArgumentException(survivorId + " and " + absorbedId + " are already one profile");
            }
            Optional<String> survivorCustomer = survivor.identity(Identity.CUSTOMER_ID);
            Optional<String> absorbedCustomer = absorbed.identity(Identity.CUSTOMER_ID);
            if (survivorCustomer.isPresent() && absorbedCustomer.isPresent() && !survivorCustomer.equals(absorbedCustomer)) {
                throw new IllegalArgumentException("profile " + survivor.id() + " is customer " + survivorCustomer.get()
                        + " and profile " + absorbed.id() + " is customer " + absorbedCustomer.get()
                        + "; two customers are never merged");
            }
            return mergeInto(survivor, absorbed, reason);
        } finally {
            lock.unlock();
        }
    }

    /** Undoes a merge under the same lock as ingest, so no record resolves against a half-undone merge. */
    ProfileMerge unmerge(String mergeId) {
        lock.lock();
        try {
            return profiles.unmerge(mergeId, clock.instant());
        } finally {
            lock.unlock();
        }
    }

    private Profile existing(String profileId) {
        return profiles.find(profileId)
                .orElseThrow(() -> new IllegalArgumentException("there is no profile " + profileId));
    }

    private Profile mergeAll(List<Profile> candidates, String reason, List<ProfileMerge> merges) {
        Profile survivor = candidates.stream().min(SURVIVOR_FIRST).orElseThrow();
        for (Profile other : candidates) {
            if (!other.id().equals(survivor.id())) {
                merges.add(mergeInto(survivor, other, reason));
            }
        }
        return existing(survivor.id());
    }

    private ProfileMerge mergeInto(Profile survivor, Profile absorbed, String reason) {
        // Read both consent histories before the merge moves anything, then write the combination.
        var before = consent.snapshot(survivor.id(), absorbed.id());
        ProfileMerge merge = profiles.merge(survivor.id(), absorbed.id(), reason, clock.instant());
        consent.combine(before, merge);
        return merge;
    }

    /**
     * A known customer first, then the oldest profile; profiles created in the same instant (one
     * batch) by their smallest identity, which the input decides, not the random id.
     */
    private static final Comparator<Profile> SURVIVOR_FIRST = Comparator
            .comparing((Profile p) -> p.identity(Identity.CUSTOMER_ID).isEmpty())
            .thenComparing(Profile::createdAt)
            .thenComparing(p -> p.identities().stream().map(Identity::toString).sorted().findFirst().orElse(""))
            .thenComparing(Profile::id);

    static Optional<Violation> customerIdConflict(List<Identity> identities, Iterable<Profile> found) {
        Map<String, String> customerOf = new LinkedHashMap<>();
        identities.stream().filter(i -> i.namespace().equals(Identity.CUSTOMER_ID)).findFirst()
                .ifPresent(i -> customerOf.put(i.value(), "the record"));
        for (Profile profile : found) {
            profile.identity(Identity.CUSTOMER_ID).ifPresent(id -> customerOf.putIfAbsent(id, "profile " + profile.id()));
        }
        if (customerOf.size() < 2) {
            return Optional.empty();
        }
        var entries = List.copyOf(customerOf.entrySet());
        return Optional.of(new Violation(Identity.CUSTOMER_ID, "identities of the record belong to different customers ("
                + entries.get(0).getKey() + " in " + entries.get(0).getValue() + ", " + entries.get(1).getKey() + " in "
                + entries.get(1).getValue() + "); two customers are never merged automatically, so the record was not applied"));
    }

    private static String reason(List<Identity> identities, String why) {
        StringBuilder reason = new StringBuilder();
        for (Identity identity : identities) {
            if (!reason.isEmpty()) {
                reason.append(" + ");
            }
            reason.append(identity);
        }
        return reason + " in " + why;
    }
}
