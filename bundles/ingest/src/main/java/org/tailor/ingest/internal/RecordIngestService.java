package org.tailor.ingest.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.tailor.api.ingest.IngestListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.ingest.DeadLetter;
import org.tailor.api.ingest.IdentityService;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.IngestService;
import org.tailor.api.ingest.IngestStats;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Order;
import org.tailor.api.model.OrderLine;
import org.tailor.api.model.ProfileMerge;
import org.tailor.api.store.DeadLetterStore;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.OrderStore;
import org.tailor.api.store.ProfileStore;

/**
 * Validates inbound records, resolves them to one profile and stores profile changes, consent
 * entries, orders and events; keeps every rejected record as a dead letter. Every write is keyed or
 * compared first, so ingesting a record again changes nothing; a store failure propagates before the
 * record counts as accepted or rejected, so the caller can retry it.
 *
 * <p>Also the admin's view of merges: ingest and admin merges share one lock, so they never race.
 */
@Component(service = {IngestService.class, IdentityService.class})
public final class RecordIngestService implements IngestService, IdentityService {

    private static final Logger LOG = LoggerFactory.getLogger(RecordIngestService.class);

    private final ProfileStore profiles;
    private final EventStore events;
    private final OrderStore orders;
    private final RecordValidator validator;
    private final ProfileResolver resolver;
    private final PurchaseFigures figures;
    private final ConsentImporter consent;
    private final DeadLetters deadLetters;
    private final CustomerValidator customers;
    private final OrderValidator orderRecords;
    private final EventValidator eventRecords;
    private final AliasValidator aliases;
    private final BatchIngest batch;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder profilesCreated = new LongAdder();
    private final LongAdder unchanged = new LongAdder();
    private final LongAdder merges = new LongAdder();
    private final IngestNotices notices = new IngestNotices();

    @Activate
    public RecordIngestService(@Reference ProfileStore profiles, @Reference EventStore events, @Reference OrderStore orders,
                               @Reference DeadLetterStore deadLetters, @Reference ConsentService consent) {
        this(profiles, events, orders, deadLetters, consent, Clock.systemUTC());
    }

    RecordIngestService(ProfileStore profiles, EventStore events, OrderStore orders, DeadLetterStore deadLetters,
                        ConsentService consent, Clock clock) {
        this(profiles, events, orders, deadLetters, consent, clock, new RecordValidator(clock));
    }

    /** With a validator built elsewhere: building one takes tens of milliseconds, too slow for property tests. */
    RecordIngestService(ProfileStore profiles, EventStore events, OrderStore orders, DeadLetterStore deadLetters,
                        ConsentService consent, Clock clock, RecordValidator validator) {
        this.profiles = profiles;
        this.events = notices.recording(events);
        this.orders = orders;
        ReentrantLock identityLock = new ReentrantLock();
        this.validator = validator;
        this.resolver = new ProfileResolver(profiles, new ConsentCombiner(consent, clock), clock, identityLock);
        this.figures = new PurchaseFigures(profiles, orders, clock, identityLock);
        this.consent = new ConsentImporter(consent, clock);
        this.deadLetters = new DeadLetters(deadLetters, clock);
        this.customers = new CustomerValidator(validator);
        this.orderRecords = new OrderValidator(validator);
        this.eventRecords = new EventValidator(validator);
        this.aliases = new AliasValidator(validator);
        this.batch = new BatchIngest(profiles, this.events, resolver, this.consent, clock, this::apply);
    }

    @Deactivate
    void close() {
        validator.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(IngestListener listener) {
        notices.add(listener);
    }

    void removeListener(IngestListener listener) {
        notices.remove(listener);
    }

    @Override
    public IngestResult ingest(InboundRecord record) {
        return notices.notifying(() -> ingestOne(record), IngestNotices::profilesOf).result();
    }

    private Outcome ingestOne(InboundRecord record) {
        Outcome outcome = apply(record);
        if (!outcome.result().isAccepted()) {
            deadLetters.keep(record, outcome.result().violations());
        }
        count(outcome);
        return outcome;
    }

    @Override
    public List<IngestResult> ingestAll(List<InboundRecord> records) {
        return notices.notifying(() -> ingestBatch(records),
                (outcomes, changed) -> outcomes.forEach(o -> IngestNotices.profilesOf(o, changed)))
                .stream().map(Outcome::result).toList();
    }

    private List<Outcome> ingestBatch(List<InboundRecord> records) {
        List<Outcome> outcomes = batch.ingest(records, this::validate);
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (!outcome.result().isAccepted()) {
                deadLetters.keep(records.get(i), outcome.result().violations());
            }
            count(outcome);
        }
        return outcomes;
    }

    private Checked<?> validate(InboundRecord record) {
        return switch (record.kind()) {
            case CUSTOMER -> customers.validate(record);
            case ORDER -> orderRecords.validate(record);
            case EVENT -> eventRecords.validate(record);
            case ALIAS -> aliases.validate(record);
        };
    }

    @Override
    public IngestStats stats() {
        return new IngestStats(accepted.sum(), rejected.sum(), profilesCreated.sum(), unchanged.sum(), merges.sum());
    }

    @Override
    public List<DeadLetter> deadLetters(Optional<String> source, int limit) {
        return deadLetters.open(source, limit);
    }

    @Override
    public Optional<DeadLetter> deadLetter(long id) {
        return deadLetters.find(id);
    }

    @Override
    public IngestResult replay(long deadLetterId) {
        DeadLetter letter = deadLetters.openOne(deadLetterId);
        Outcome outcome = notices.notifying(() -> apply(letter.record()), IngestNotices::profilesOf);
        count(outcome);
        if (outcome.result().isAccepted()) {
            deadLetters.replayed(deadLetterId, outcome.result().profileId().orElseThrow());
        } else {
            deadLetters.stillRejected(deadLetterId, outcome.result().violations());
        }
        return outcome.result();
    }

    @Override
    public void discard(long deadLetterId, String note) {
        deadLetters.openOne(deadLetterId);
        deadLetters.discarded(deadLetterId, note == null ? "" : note);
    }

    @Override
    public List<ProfileMerge> merges(String profileId) {
        return profiles.merges(profileId);
    }

    @Override
    public Optional<ProfileMerge> merge(String mergeId) {
        return profiles.findMerge(mergeId);
    }

    @Override
    public ProfileMerge mergeProfiles(String survivorId, String absorbedId, String reason) {
        return notices.notifying(() -> {
            ProfileMerge merge = resolver.mergeByHand(survivorId, absorbedId, "by hand: " + (reason == null ? "" : reason.strip()));
            merges.increment();
            figures.refresh(merge.survivorId());
            return merge;
        }, (merge, changed) -> changed.addAll(List.of(merge.survivorId(), merge.absorbedId())));
    }

    @Override
    public ProfileMerge unmerge(String mergeId) {
        profiles.findMerge(mergeId).orElseThrow(() -> new IllegalArgumentException("there is no merge " + mergeId));
        return notices.notifying(() -> {
            ProfileMerge undone = resolver.unmerge(mergeId);
            figures.refresh(undone.survivorId());
            figures.refresh(undone.absorbedId());
            return undone;
        }, (undone, changed) -> changed.addAll(List.of(undone.survivorId(), undone.absorbedId())));
    }

    private void count(Outcome outcome) {
        if (!outcome.result().isAccepted()) {
            rejected.increment();
            return;
        }
        accepted.increment();
        if (outcome.created()) {
            profilesCreated.increment();
        }
        if (!outcome.changed()) {
            unchanged.increment();
        }
        merges.add(outcome.absorbed().size());
    }

    private Outcome apply(InboundRecord record) {
        return switch (record.kind()) {
            case CUSTOMER -> ingestCustomer(record);
            case ORDER -> ingestOrder(record);
            case EVENT -> ingestEvent(record);
            case ALIAS -> ingestAlias(record);
        };
    }

    private Outcome ingestCustomer(InboundRecord record) {
        Checked<CustomerData> checked = customers.validate(record);
        if (!checked.isValid()) {
            return Outcome.rejected(checked.violations());
        }
        CustomerData customer = checked.value();
        Checked<ProfileResolver.Resolved> resolved = resolve(customer.identities(), customer.attributes(), record);
        if (!resolved.isValid()) {
            return Outcome.rejected(resolved.violations());
        }
        String profileId = resolved.value().profile().id();
        boolean consentChanged = customer.consentStatus().map(status -> {
            var at = customer.consentAt() != null ? customer.consentAt() : customer.signedUpAt();
            return consent.apply(profileId, status, at, consentSource(record));
        }).orElse(false);
        return accepted(resolved.value(), consentChanged, consentChanged);
    }

    private Outcome ingestOrder(InboundRecord record) {
        Checked<OrderData> checked = orderRecords.validate(record);
        if (!checked.isValid()) {
            return Outcome.rejected(checked.violations());
        }
        OrderData order = checked.value();
        Checked<ProfileResolver.Resolved> resolved = resolve(order.identity().identities(), Map.of(), record);
        if (!resolved.isValid()) {
            return Outcome.rejected(resolved.violations());
        }
        String profileId = resolved.value().profile().id();
        List<OrderLine> lines = order.items().stream()
                .map(item -> new OrderLine(item.sku(), Optional.ofNullable(item.name()), Optional.ofNullable(item.category()),
                        item.quantity(), item.unitPrice()))
                .toList();
        boolean stored = orders.save(new Order(order.orderId(), profileId, order.orderedAt(), order.currencyCode(), order.total(),
                lines, record.source()));
        // The order also goes in as an event, so that behaviour rules ("ordered twice in 30 days") see it.
        boolean eventStored = events.append(new Event(EventIds.order(order.orderId()), profileId, "order", order.orderedAt(),
                orderProperties(order), record.source()));
        if (stored || !resolved.value().merges().isEmpty()) {
            figures.refresh(profileId);
        }
        return accepted(resolved.value(), stored || eventStored, stored);
    }

    private static Map<String, Object> orderProperties(OrderData order) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("order_id", order.orderId());
        properties.put("total", order.total());
        properties.put("currency", order.currencyCode());
        order.categoryName().ifPresent(c -> properties.put("category", c));
        if (!order.items().isEmpty()) {
            properties.put("items", order.items().size());
            String categories = order.items().stream().map(OrderData.LineData::category)
                    .filter(c -> c != null).distinct().sorted().reduce((a, b) -> a + "," + b).orElse(null);
            if (categories != null) {
                properties.put("categories", categories);
                properties.putIfAbsent("category", categories.contains(",") ? categories.substring(0, categories.indexOf(',')) : categories);
            }
        }
        return properties;
    }

    private Outcome ingestEvent(InboundRecord record) {
        Checked<EventData> checked = eventRecords.validate(record);
        if (!checked.isValid()) {
            return Outcome.rejected(checked.violations());
        }
        EventData event = checked.value();
        List<Identity> identities = event.identity().identities();
        Checked<ProfileResolver.Resolved> resolved = resolve(identities, Map.of(), record);
        if (!resolved.isValid()) {
            return Outcome.rejected(resolved.violations());
        }
        String profileId = resolved.value().profile().id();
        String id = event.id().orElseGet(() ->
                EventIds.contentHash(identities.get(0), event.type(), event.occurredAt(), event.properties()));
        boolean stored = events.append(new Event(id, profileId, event.type(), event.occurredAt(), event.properties(), record.source()));
        return accepted(resolved.value(), stored, false);
    }

    /**
     * An alias names an id the person had before. If that id is known (as an anonymous id first, then
     * as a customer id), its profile merges with the person's; if not, it becomes one of the person's
     * anonymous ids, so that events still to come under it join them.
     */
    private Outcome ingestAlias(InboundRecord record) {
        Checked<AliasData> checked = aliases.validate(record);
        if (!checked.isValid()) {
            return Outcome.rejected(checked.violations());
        }
        AliasData alias = checked.value();
        Identity anonymous = new Identity(Identity.ANONYMOUS_ID, alias.previousId());
        Identity customer = new Identity(Identity.CUSTOMER_ID, alias.previousId());
        Identity previous = profiles.findByIdentity(anonymous).isPresent() || profiles.findByIdentity(customer).isEmpty()
                ? anonymous : customer;
        List<Identity> identities = new java.util.ArrayList<>(alias.identity().identities());
        if (!identities.contains(previous)) {
            identities.add(previous);
        }
        Checked<ProfileResolver.Resolved> resolved = resolve(identities, Map.of(), record);
        if (!resolved.isValid()) {
            return Outcome.rejected(resolved.violations());
        }
        if (!resolved.value().merges().isEmpty()) {
            figures.refresh(resolved.value().profile().id());
        }
        return accepted(resolved.value(), false, false);
    }

    private Checked<ProfileResolver.Resolved> resolve(List<Identity> identities, Map<String, Object> attributes, InboundRecord record) {
        Checked<ProfileResolver.Resolved> resolved = resolver.resolve(identities, attributes, consentSource(record));
        if (resolved.isValid()) {
            var value = resolved.value();
            if (value.created()) {
                LOG.debug("Created profile {}", value.profile().id());
            }
            value.merges().forEach(m -> LOG.info("Merged profile {} into {} (merge {})", m.absorbedId(), m.survivorId(), m.id()));
        }
        return resolved;
    }

    /**
     * @param otherChange whether the record stored something besides the profile
     * @param profileChange whether that something changes what the profile holds (consent, purchase figures)
     */
    private static Outcome accepted(ProfileResolver.Resolved resolved, boolean otherChange, boolean profileChange) {
        return new Outcome(IngestResult.accepted(resolved.profile().id()), resolved.created(),
                resolved.changed() || otherChange, resolved.changed() || profileChange, resolved.merges().stream().map(ProfileMerge::absorbedId).toList());
    }

    /** {@code csv:customers.csv} at {@code line 7} becomes {@code csv:customers.csv:7}, the form consent proofs use. */
    static String consentSource(InboundRecord record) {
        String position = record.position().startsWith("line ") ? record.position().substring(5) : record.position();
        return record.source() + ":" + position;
    }
}
