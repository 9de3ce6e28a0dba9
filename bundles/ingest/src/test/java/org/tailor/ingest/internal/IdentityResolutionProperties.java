package org.tailor.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.RecordKind;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;

/**
 * Over random streams of records that share identities from a small pool (so that merges and
 * conflicts are frequent), identity resolution keeps its promises.
 */
class IdentityResolutionProperties {

    @Property(tries = 100)
    void everyAcceptedRecordResolvesAllItsIdentitiesToOneProfileAndNoProfileIsTwoCustomers(
            @ForAll("records") List<InboundRecord> records) {
        InMemoryProfileStore profiles = new InMemoryProfileStore();
        RecordIngestService ingest = service(profiles);

        for (InboundRecord record : records) {
            IngestResult result = ingest.ingest(record);
            if (result.isAccepted()) {
                String id = result.profileId().orElseThrow();
                for (Identity identity : identities(record)) {
                    assertThat(profiles.findByIdentity(identity)).map(Profile::id).contains(id);
                }
            }
            profiles.forEach(p -> assertThat(p.identities().stream()
                    .filter(i -> i.namespace().equals(Identity.CUSTOMER_ID)).count()).isLessThanOrEqualTo(1));
        }
    }

    @Property(tries = 100)
    void ingestingARecordTwiceInARowChangesNothingTheSecondTime(@ForAll("records") List<InboundRecord> records) {
        InMemoryProfileStore profiles = new InMemoryProfileStore();
        RecordIngestService ingest = service(profiles);
        for (InboundRecord record : records) {
            ingest.ingest(record);
            List<Profile> before = snapshot(profiles);
            long mergesBefore = ingest.stats().merges();

            ingest.ingest(record);

            assertThat(snapshot(profiles)).isEqualTo(before);
            assertThat(ingest.stats().merges()).isEqualTo(mergesBefore);
        }
    }

    @Property(tries = 100)
    void undoingEveryMergeNewestFirstRestoresTheProfilesAsTheyWereBeforeTheMerges(
            @ForAll("records") List<InboundRecord> records) {
        InMemoryProfileStore profiles = new InMemoryProfileStore();
        RecordIngestService ingest = service(profiles);
        records.forEach(ingest::ingest);
        Set<String> mergeIds = new HashSet<>();
        profiles.forEach(p -> ingest.merges(p.id()).forEach(m -> mergeIds.add(m.id())));

        List<String> newestFirst = new ArrayList<>(mergeIds);
        newestFirst.sort((a, b) -> Integer.compare(Integer.parseInt(b.substring(1)), Integer.parseInt(a.substring(1))));
        newestFirst.forEach(ingest::unmerge);

        Set<Identity> seen = new HashSet<>();
        profiles.forEach(p -> p.identities().forEach(i -> assertThat(seen.add(i)).as("identity %s held twice", i).isTrue()));
    }

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final RecordValidator VALIDATOR = new RecordValidator(CLOCK);

    private static RecordIngestService service(InMemoryProfileStore profiles) {
        return new RecordIngestService(profiles, new InMemoryEventStore(), new InMemoryOrderStore(), new InMemoryDeadLetterStore(),
                new InMemoryConsentService(), CLOCK, VALIDATOR);
    }

    private static List<Profile> snapshot(InMemoryProfileStore profiles) {
        List<Profile> all = new ArrayList<>();
        profiles.forEach(all::add);
        return all;
    }

    private static List<Identity> identities(InboundRecord record) {
        List<Identity> identities = new ArrayList<>();
        record.fields().forEach((name, value) -> {
            if (IdentityData.FIELDS.contains(name)) {
                identities.add(new Identity(name, value.toString()));
            }
        });
        return identities;
    }

    @Provide
    Arbitrary<List<InboundRecord>> records() {
        Arbitrary<String> customerId = Arbitraries.of("C1", "C2", "C3").injectNull(0.5);
        Arbitrary<String> email = Arbitraries.of("a@example.com", "b@example.com", "c@example.com").injectNull(0.4);
        Arbitrary<String> anonymousId = Arbitraries.of("anon-1", "anon-2", "anon-3", "anon-4").injectNull(0.5);
        Arbitrary<String> city = Arbitraries.of("Graz", "Wien", "Linz").injectNull(0.5);
        Arbitrary<InboundRecord> record = Combinators.combine(customerId, email, anonymousId, city).as((c, e, a, town) -> {
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
            if (town != null) {
                fields.put("city", town);
            }
            return new InboundRecord("test", "1", RecordKind.CUSTOMER, fields);
        });
        return record.list().ofMinSize(1).ofMaxSize(12);
    }
}
