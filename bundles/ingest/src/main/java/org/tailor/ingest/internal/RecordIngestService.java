package org.tailor.ingest.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.IngestService;
import org.tailor.api.ingest.IngestStats;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.ProfileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates inbound records, resolves them to one profile and stores profile changes, consent
 * entries, orders and events. Every write is keyed or compared first, so ingesting a record again
 * changes nothing; a store failure propagates before the record counts as accepted, so the caller
 * can retry it.
 */
@Component(service = IngestService.class)
public final class RecordIngestService implements IngestService {

    private static final Logger LOG = LoggerFactory.getLogger(RecordIngestService.class);

    private final EventStore events;
    private final ProfileResolver resolver;
    private final ConsentImporter consent;
    private final CustomerValidator customers;
    private final OrderValidator orders;
    private final EventValidator eventRecords;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder profilesCreated = new LongAdder();

    @Activate
    public RecordIngestService(@Reference ProfileStore profiles, @Reference EventStore events,
                               @Reference ConsentService consent) {
        this(profiles, events, consent, Clock.systemUTC());
    }

    RecordIngestService(ProfileStore profiles, EventStore events, ConsentService consent, Clock clock) {
        this.events = events;
        this.resolver = new ProfileResolver(profiles, clock);
        this.consent = new ConsentImporter(consent, clock);
        this.customers = new CustomerValidator(clock);
        this.orders = new OrderValidator(clock);
        this.eventRecords = new EventValidator(clock);
    }

    @Override
    public IngestResult ingest(InboundRecord record) {
        IngestResult result = switch (record.kind()) {
            case CUSTOMER -> ingestCustomer(record);
            case ORDER -> ingestOrder(record);
            case EVENT -> ingestEvent(record);
        };
        (result.isAccepted() ? accepted : rejected).increment();
        return result;
    }

    @Override
    public IngestStats stats() {
        return new IngestStats(accepted.sum(), rejected.sum(), profilesCreated.sum());
    }

    private IngestResult ingestCustomer(InboundRecord record) {
        Checked<CustomerData> checked = customers.validate(record);
        if (!checked.isValid()) {
            return IngestResult.rejected(checked.violations());
        }
        CustomerData customer = checked.value();
        Checked<ProfileResolver.Resolved> resolved = resolve(customer.identities(), customer.attributes());
        if (!resolved.isValid()) {
            return IngestResult.rejected(resolved.violations());
        }
        String profileId = resolved.value().profile().id();
        customer.consent().ifPresent(status -> {
            var at = customer.consentAt().or(customer::signedUpAt).orElse(null);
            if (consent.apply(profileId, status, at, consentSource(record))) {
                LOG.debug("Recorded email_marketing consent {} for profile {}", status, profileId);
            }
        });
        return IngestResult.accepted(profileId);
    }

    private IngestResult ingestOrder(InboundRecord record) {
        Checked<OrderData> checked = orders.validate(record);
        if (!checked.isValid()) {
            return IngestResult.rejected(checked.violations());
        }
        OrderData order = checked.value();
        Checked<ProfileResolver.Resolved> resolved = resolve(order.identities(), Map.of());
        if (!resolved.isValid()) {
            return IngestResult.rejected(resolved.violations());
        }
        String profileId = resolved.value().profile().id();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("order_id", order.orderId());
        properties.put("total", order.total());
        properties.put("currency", order.currency());
        order.category().ifPresent(c -> properties.put("category", c));
        events.append(new Event(EventIds.order(order.orderId()), profileId, "order", order.orderedAt(), properties, record.source()));
        return IngestResult.accepted(profileId);
    }

    private IngestResult ingestEvent(InboundRecord record) {
        Checked<EventData> checked = eventRecords.validate(record);
        if (!checked.isValid()) {
            return IngestResult.rejected(checked.violations());
        }
        EventData event = checked.value();
        Checked<ProfileResolver.Resolved> resolved = resolve(event.identities(), Map.of());
        if (!resolved.isValid()) {
            return IngestResult.rejected(resolved.violations());
        }
        String profileId = resolved.value().profile().id();
        String id = event.eventId().orElseGet(() ->
                EventIds.contentHash(event.identities().get(0), event.type(), event.occurredAt(), event.properties()));
        events.append(new Event(id, profileId, event.type(), event.occurredAt(), event.properties(), record.source()));
        return IngestResult.accepted(profileId);
    }

    private Checked<ProfileResolver.Resolved> resolve(List<Identity> identities, Map<String, Object> attributes) {
        Checked<ProfileResolver.Resolved> resolved = resolver.resolve(identities, attributes);
        if (resolved.isValid() && resolved.value().created()) {
            profilesCreated.increment();
            LOG.debug("Created profile {}", resolved.value().profile().id());
        }
        return resolved;
    }

    /** {@code csv:customers.csv} at {@code line 7} becomes {@code csv:customers.csv:7}, the form consent proofs use. */
    static String consentSource(InboundRecord record) {
        String position = record.position().startsWith("line ") ? record.position().substring(5) : record.position();
        return record.source() + ":" + position;
    }
}
