package org.tailor.ingest.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.RecordKind;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.ProfileStore;

/**
 * Ingests a batch of records with the outcome of ingesting them one by one, in a few round trips:
 * one lookup for every identity of the batch, then customers and events resolved in memory, then
 * one batched write each for profiles, events and consent entries.
 *
 * <p>Records whose resolution is not a plain create or update (a merge, a conflict, an alias, an
 * order with its derived figures) take the one-record path; pending writes are flushed first, so
 * that it sees everything before it, and what it changed is read back before the batch goes on.
 * The identity lock is held for the whole batch, so no other record resolves in between.
 */
final class BatchIngest {

    private final ProfileStore profiles;
    private final EventStore events;
    private final ProfileResolver resolver;
    private final ConsentImporter consent;
    private final Clock clock;
    private final Function<InboundRecord, Outcome> oneByOne;

    BatchIngest(ProfileStore profiles, EventStore events, ProfileResolver resolver, ConsentImporter consent, Clock clock,
                Function<InboundRecord, Outcome> oneByOne) {
        this.profiles = profiles;
        this.events = events;
        this.resolver = resolver;
        this.consent = consent;
        this.clock = clock;
        this.oneByOne = oneByOne;
    }

    /** Validated records in, one outcome per record out; rejected ones are for the caller to keep. */
    List<Outcome> ingest(List<InboundRecord> records, Function<InboundRecord, Checked<?>> validate) {
        List<Checked<?>> checked = new ArrayList<>(records.size());
        Set<Identity> identities = new LinkedHashSet<>();
        for (InboundRecord record : records) {
            Checked<?> one = validate.apply(record);
            checked.add(one);
            if (one.isValid()) {
                identities.addAll(identitiesOf(one.value()));
            }
        }
        resolver.lock().lock();
        try {
            Pending pending = new Pending(profiles.findByIdentities(identities));
            List<Outcome> handled = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                handled.add(handle(records.get(i), checked.get(i), pending));
            }
            pending.flush();
            return handled;
        } finally {
            resolver.lock().unlock();
        }
    }

    private Outcome handle(InboundRecord record, Checked<?> checked, Pending pending) {
        if (!checked.isValid()) {
            return Outcome.rejected(checked.violations());
        }
        Object value = checked.value();
        if (!(value instanceof CustomerData) && !(value instanceof EventData)) {
            return alone(record, pending);
        }
        List<Identity> ids = identitiesOf(value);
        Set<String> owners = new LinkedHashSet<>();
        for (Identity identity : ids) {
            Profile owner = pending.owner(identity);
            if (owner != null) {
                owners.add(owner.id());
            }
        }
        if (owners.size() > 1 || ProfileResolver.customerIdConflict(ids, pending.profiles(owners)).isPresent()) {
            return alone(record, pending);
        }
        Instant now = clock.instant();
        Map<String, Object> attributes = value instanceof CustomerData customer ? customer.attributes() : Map.of();
        Profile profile;
        boolean created = owners.isEmpty();
        boolean changed;
        if (created) {
            profile = ProfileResolver.created(ids, attributes, now);
            pending.put(profile, true);
            changed = true;
        } else {
            Profile existing = pending.profile(owners.iterator().next());
            Optional<Profile> updated = ProfileResolver.updated(existing, ids, attributes, now);
            profile = updated.orElse(existing);
            updated.ifPresent(p -> pending.put(p, false));
            changed = updated.isPresent();
        }
        boolean profileChanged = changed;
        if (value instanceof CustomerData customer) {
            profileChanged |= pending.consent(customer, profile.id(), RecordIngestService.consentSource(record));
            changed = profileChanged;
        } else {
            changed |= pending.event((EventData) value, ids, profile.id(), record.source());
        }
        return new Outcome(IngestResult.accepted(profile.id()), created, changed, profileChanged, List.of());
    }

    /** The one-record path, with the batch's writes made first and its own changes read back after. */
    private Outcome alone(InboundRecord record, Pending pending) {
        pending.flush();
        Outcome handled = oneByOne.apply(record);
        pending.forget();
        return handled;
    }

    private static List<Identity> identitiesOf(Object value) {
        if (value instanceof CustomerData customer) {
            return customer.identities();
        }
        if (value instanceof EventData event) {
            return event.identity().identities();
        }
        if (value instanceof OrderData order) {
            return order.identity().identities();
        }
        return ((AliasData) value).identity().identities();
    }

    /** The batch's view of the store: what was there plus what the batch has done and not yet written. */
    private final class Pending {

        private final Map<Identity, Profile> owners;
        private final Map<String, Profile> byId = new HashMap<>();
        private final Map<String, Profile> dirty = new LinkedHashMap<>();
        private final Set<String> createdHere = new HashSet<>();
        private final Map<String, List<ConsentRecord>> consentHere = new HashMap<>();
        private final List<ConsentRecord> consentEntries = new ArrayList<>();
        private final Map<String, Event> eventsHere = new LinkedHashMap<>();
        private boolean stale;

        Pending(Map<Identity, Profile> found) {
            this.owners = new HashMap<>(found);
            found.values().forEach(p -> byId.put(p.id(), p));
        }

        Profile owner(Identity identity) {
            if (stale && !owners.containsKey(identity)) {
                profiles.findByIdentity(identity).ifPresent(p -> {
                    byId.put(p.id(), p);
                    p.identities().forEach(i -> owners.put(i, p));
                });
            }
            Profile owner = owners.get(identity);
            return owner == null ? null : byId.get(owner.id());
        }

        Profile profile(String id) {
            return byId.get(id);
        }

        List<Profile> profiles(Set<String> ids) {
            return ids.stream().map(byId::get).toList();
        }

        void put(Profile profile, boolean created) {
            byId.put(profile.id(), profile);
            dirty.put(profile.id(), profile);
            profile.identities().forEach(i -> owners.put(i, profile));
            if (created) {
                createdHere.add(profile.id());
            }
        }

        boolean consent(CustomerData customer, String profileId, String source) {
            if (customer.consentStatus().isEmpty()) {
                return false;
            }
            // A profile created in this batch has no history in the store yet: no need to ask.
            List<ConsentRecord> history = consentHere.computeIfAbsent(profileId,
                    id -> createdHere.contains(id) ? new ArrayList<>() : new ArrayList<>(consent.history(id)));
            Instant at = customer.consentAt() != null ? customer.consentAt() : customer.signedUpAt();
            Optional<ConsentRecord> entry = consent.entry(history, profileId, customer.consentStatus().get(), at, source);
            entry.ifPresent(e -> {
                history.add(e);
                consentEntries.add(e);
            });
            return entry.isPresent();
        }

        /**
         * Queues the event unless the batch has it already. An event stored by an earlier request is
         * still queued (the store skips it by id), so for events the "unchanged" counter of a batch
         * sees only repeats within the batch; results and stored data are the same as one by one.
         */
        boolean event(EventData event, List<Identity> ids, String profileId, String source) {
            String id = event.id().orElseGet(() ->
                    EventIds.contentHash(ids.get(0), event.type(), event.occurredAt(), event.properties()));
            if (eventsHere.containsKey(id)) {
                return false;
            }
            eventsHere.put(id, new Event(id, profileId, event.type(), event.occurredAt(), event.properties(), source));
            return true;
        }

        void flush() {
            if (!dirty.isEmpty()) {
                profiles.saveAll(List.copyOf(dirty.values()));
                dirty.clear();
            }
            if (!eventsHere.isEmpty()) {
                events.appendNew(List.copyOf(eventsHere.values()));
                eventsHere.clear();
            }
            consent.recordAll(consentEntries);
            consentEntries.clear();
            consentHere.clear();
            createdHere.clear();
        }

        /** After the one-record path ran, anything may have moved: read owners afresh from the store. */
        void forget() {
            owners.clear();
            byId.clear();
            stale = true;
        }
    }
}
