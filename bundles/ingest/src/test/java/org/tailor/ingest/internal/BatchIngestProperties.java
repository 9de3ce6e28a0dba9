package org.tailor.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.RecordKind;
import org.tailor.api.model.Profile;

/** Batch ingest must end exactly where ingesting the same records one by one ends. */
class BatchIngestProperties {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final RecordValidator VALIDATOR = new RecordValidator(CLOCK);

    /** One Tailor over in-memory stores. */
    private static final class World {
        final InMemoryProfileStore profiles = new InMemoryProfileStore();
        final InMemoryEventStore events = new InMemoryEventStore();
        final InMemoryConsentService consent = new InMemoryConsentService();
        final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
        final RecordIngestService ingest = new RecordIngestService(profiles, events, new InMemoryOrderStore(), deadLetters,
                consent, CLOCK, VALIDATOR);

        /** Profiles as their identities and attributes, events and consent as seen through their profile's identities. */
        List<String> state() {
            List<String> state = new ArrayList<>();
            profiles.forEach(p -> {
                String who = new TreeSet<>(p.identities().stream().map(Object::toString).toList()).toString();
                state.add("profile " + who + " " + new java.util.TreeMap<>(p.attributes()));
                events.all().stream().filter(e -> profiles.find(e.profileId()).map(Profile::id).orElse("").equals(p.id()))
                        .forEach(e -> state.add("event " + who + " " + e.id() + " " + e.type() + " " + e.occurredAt()));
                consent.history(p.id()).forEach(r -> state.add("consent " + who + " " + r.status() + " " + r.recordedAt()));
            });
            state.sort(null);
            return state;
        }

        List<String> outcomes(List<IngestResult> results) {
            return results.stream().map(r -> r.isAccepted()
                    ? "accepted " + new TreeSet<>(profiles.find(r.profileId().orElseThrow()).orElseThrow().identities().stream()
                            .map(Object::toString).toList())
                    : "rejected " + r.violations().toString().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<profile>")).toList();
        }
    }

    @Property(tries = 300)
    void batchesEndWhereOneByOneEnds(@ForAll("records") List<InboundRecord> records, @ForAll("batchSizes") int batchSize) {
        World single = new World();
        List<IngestResult> singleResults = records.stream().map(single.ingest::ingest).toList();

        World batched = new World();
        List<IngestResult> batchResults = new ArrayList<>();
        for (int from = 0; from < records.size(); from += batchSize) {
            batchResults.addAll(batched.ingest.ingestAll(records.subList(from, Math.min(records.size(), from + batchSize))));
        }

        assertThat(batched.state()).isEqualTo(single.state());
        assertThat(batched.outcomes(batchResults)).isEqualTo(single.outcomes(singleResults));
        assertThat(batched.deadLetters.openCounts()).isEqualTo(single.deadLetters.openCounts());
        assertThat(batched.ingest.stats().accepted()).isEqualTo(single.ingest.stats().accepted());
        assertThat(batched.ingest.stats().merges()).isEqualTo(single.ingest.stats().merges());
    }

    @Provide
    Arbitrary<Integer> batchSizes() {
        return Arbitraries.of(1, 2, 3, 5, 50);
    }

    @Provide
    Arbitrary<List<InboundRecord>> records() {
        Arbitrary<String> customerId = Arbitraries.of("C1", "C2", "C3").injectNull(0.5);
        Arbitrary<String> email = Arbitraries.of("a@example.com", "b@example.com", "not-an-email").injectNull(0.4);
        Arbitrary<String> anonymousId = Arbitraries.of("anon-1", "anon-2", "anon-3").injectNull(0.6);
        Arbitrary<Integer> shape = Arbitraries.integers().between(0, 9);
        Arbitrary<InboundRecord> record = Combinators.combine(customerId, email, anonymousId, shape).as((c, e, a, kind) -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            if (c != null) {
                fields.put("customer_id", c);
            }
            if (e != null) {
                fields.put("email", e);
            }
            if (a != null) {
                fields.put("anonymous_id", a);
            }
            if (kind <= 3) {
                fields.put("city", List.of("Graz", "Wien").get(kind % 2));
                if (kind == 1) {
                    fields.put("email_marketing_consent", "granted");
                    fields.put("consent_at", "2026-01-0" + (1 + (c == null ? 0 : c.charAt(1) - '0')) + "T00:00:00Z");
                } else if (kind == 2) {
                    fields.put("email_marketing_consent", "withdrawn");
                }
                return new InboundRecord("test", "1", RecordKind.CUSTOMER, fields);
            }
            if (kind <= 7) {
                fields.put("type", kind == 7 ? "Bad Type" : "product_viewed");
                fields.put("occurred_at", "2026-02-0" + kind + "T10:00:00Z");
                return new InboundRecord("test", "1", RecordKind.EVENT, fields);
            }
            if (kind == 8) {
                fields.put("order_id", "O" + (fields.hashCode() % 3));
                fields.put("ordered_at", "2026-02-01T10:00:00Z");
                fields.put("total", "10");
                fields.put("currency", "EUR");
                return new InboundRecord("test", "1", RecordKind.ORDER, fields);
            }
            fields.put("previous_id", "anon-" + (1 + Math.abs(fields.hashCode()) % 3));
            return new InboundRecord("test", "1", RecordKind.ALIAS, fields);
        });
        return record.list().ofMinSize(1).ofMaxSize(15);
    }
}
