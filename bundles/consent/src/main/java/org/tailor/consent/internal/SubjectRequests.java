package org.tailor.consent.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.consent.DataSubjectRequests;
import org.tailor.api.consent.ErasureParticipant;
import org.tailor.api.consent.SubjectExport;
import org.tailor.api.consent.SuppressionList;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Order;
import org.tailor.api.model.Profile;
import org.tailor.api.model.SubjectRequest;
import org.tailor.api.model.SuppressionReason;
import org.tailor.api.store.ConsentStore;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.OrderStore;
import org.tailor.api.store.PersonalDataStore;
import org.tailor.api.store.ProfileStore;
import org.tailor.api.store.SubjectRequestStore;

/**
 * Runs data-subject requests and logs each from start to completion. A request that fails is logged
 * as failed with the reason and can be run again: erasure is idempotent (what is gone stays gone,
 * suppression keeps its first entry).
 */
@Component(service = DataSubjectRequests.class)
public final class SubjectRequests implements DataSubjectRequests {

    private static final Logger LOG = LoggerFactory.getLogger(SubjectRequests.class);

    /** The collaborators, grouped so that the constructor stays readable. */
    record Stores(SubjectRequestStore requests, PersonalDataStore people, ProfileStore profiles, EventStore events,
                  OrderStore orders, ConsentStore consent) {
    }

    private final Stores stores;
    private final ConsentService ledger;
    private final SuppressionList suppressions;
    private final ConsentCache cache;
    private final Clock clock;
    private final List<ErasureParticipant> participants = new CopyOnWriteArrayList<>();

    @Activate
    public SubjectRequests(@Reference SubjectRequestStore requests, @Reference PersonalDataStore people,
                           @Reference ProfileStore profiles, @Reference EventStore events, @Reference OrderStore orders,
                           @Reference ConsentStore consent, @Reference ConsentService ledger,
                           @Reference SuppressionList suppressions, @Reference ConsentCache cache) {
        this(new Stores(requests, people, profiles, events, orders, consent), ledger, suppressions, cache,
                Clock.systemUTC());
    }

    SubjectRequests(Stores stores, ConsentService ledger, SuppressionList suppressions, ConsentCache cache, Clock clock) {
        this.stores = stores;
        this.ledger = ledger;
        this.suppressions = suppressions;
        this.cache = cache;
        this.clock = clock;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addParticipant(ErasureParticipant participant) {
        participants.add(participant);
    }

    void removeParticipant(ErasureParticipant participant) {
        participants.remove(participant);
    }

    @Override
    public SubjectExport export(String profileId, String actor) {
        SubjectRequest request = open(SubjectRequest.Kind.EXPORT, profileId, actor);
        try {
            Set<String> ids = stores.people().personIds(profileId);
            Profile profile = stores.profiles().find(profileId).orElseThrow(() -> noSuchProfile(profileId));
            Map<String, Event> events = new LinkedHashMap<>();
            Map<String, Order> orders = new LinkedHashMap<>();
            for (String id : ids) {
                stores.events().eventsOf(id, Instant.EPOCH).forEach(e -> events.putIfAbsent(e.id(), e));
                stores.orders().ordersOf(id).forEach(o -> orders.putIfAbsent(o.orderId(), o));
            }
            List<Event> eventList = new ArrayList<>(events.values());
            eventList.sort(Comparator.comparing(Event::occurredAt));
            var messages = stores.people().outboxOf(ids);
            var consents = stores.consent().historyOf(ids);
            boolean suppressed = addresses(profile).stream().anyMatch(a -> suppressions.find(a).isPresent());
            String json = new PersonExport(request).profile(profile, ids).events(eventList).consents(consents)
                    .orders(orders.values()).messages(messages).suppressed(suppressed).json();
            SubjectRequest done = stores.requests().complete(request.id(), SubjectRequest.State.DONE, clock.instant(),
                    "exported " + ids.size() + " profiles, " + eventList.size() + " events, " + consents.size()
                            + " consent entries, " + orders.size() + " orders, " + messages.size() + " messages");
            return new SubjectExport(done, json);
        } catch (RuntimeException e) {
            return new SubjectExport(fail(request, e), "");
        }
    }

    @Override
    public SubjectRequest erase(String profileId, String actor) {
        SubjectRequest request = open(SubjectRequest.Kind.ERASE, profileId, actor);
        try {
            // A person already erased (a run that failed in a participant, run again) has no profile left:
            // the store has nothing more, the participants are asked again.
            Set<String> ids = new LinkedHashSet<>(stores.people().personIds(profileId));
            ids.add(profileId);
            Set<String> addresses = stores.profiles().find(profileId).map(SubjectRequests::addresses).orElse(Set.of());
            for (String address : addresses) {
                suppressions.add(address, SuppressionReason.ERASED, "erased by request " + request.id(), actor);
            }
            endConsent(profileId, ids, request, actor);
            Map<String, Long> erased = new LinkedHashMap<>(stores.people().erase(ids, request.id(), clock.instant()));
            for (ErasureParticipant participant : participants) {
                erased.put(participant.name(), participant.erase(ids, addresses));
            }
            cache.changed(ids);
            String detail = erased.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")) + "; suppressed " + addresses.size() + " addresses";
            return stores.requests().complete(request.id(), SubjectRequest.State.DONE, clock.instant(), detail);
        } catch (RuntimeException e) {
            return fail(request, e);
        }
    }

    /**
     * Withdraws every purpose still granted or pending, first: the kept consent proof must not read as
     * consent in force once the person is gone, and if a later step fails the withdrawal already holds.
     */
    private void endConsent(String profileId, Set<String> ids, SubjectRequest request, String actor) {
        Instant now = clock.instant();
        List<ConsentRecord> ended = ConsentLedgerService.deciding(stores.consent().historyOf(ids)).values().stream()
                .filter(r -> r.status() == ConsentStatus.GRANTED || r.status() == ConsentStatus.PENDING)
                .map(r -> new ConsentRecord(profileId, r.purpose(), ConsentStatus.WITHDRAWN, now,
                        "erasure " + request.id(), r.lawfulBasis(), "erasure", "", "", actor, Optional.empty()))
                .toList();
        ledger.recordAll(ended);
    }

    @Override
    public Optional<SubjectRequest> find(String requestId) {
        return stores.requests().find(requestId);
    }

    @Override
    public List<SubjectRequest> list(int limit) {
        return stores.requests().list(limit);
    }

    private SubjectRequest open(SubjectRequest.Kind kind, String profileId, String actor) {
        SubjectRequest request = new SubjectRequest("dsr-" + UUID.randomUUID(), kind, profileId, actor, clock.instant(),
                SubjectRequest.State.RUNNING, Optional.empty(), "");
        stores.requests().open(request);
        return request;
    }

    private SubjectRequest fail(SubjectRequest request, RuntimeException e) {
        LOG.warn("Data-subject request {} ({} of profile {}) failed: {}", request.id(),
                request.kind().name().toLowerCase(Locale.ROOT), request.profileId(), e.toString());
        return stores.requests().complete(request.id(), SubjectRequest.State.FAILED, clock.instant(),
                "failed: " + e.getMessage());
    }

    private static Set<String> addresses(Profile profile) {
        Set<String> addresses = new LinkedHashSet<>();
        profile.identities().stream().filter(i -> i.namespace().equals(Identity.EMAIL))
                .forEach(i -> addresses.add(AddressHasher.normalize(i.value())));
        return addresses;
    }

    private static IllegalArgumentException noSuchProfile(String profileId) {
        return new IllegalArgumentException("no profile has id " + profileId + " (already erased, or a typo)");
    }
}
