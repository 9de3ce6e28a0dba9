package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.store.StoreException;

@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcProfileStoreTest extends DatabaseTestSupport {

    private static final Instant CREATED = Instant.parse("2025-03-01T10:15:30.123456Z");
    private static final Instant CREATED_NANOS = Instant.parse("2025-03-01T10:15:30.123456789Z");
    private static final Instant UPDATED = Instant.parse("2025-03-02T08:00:00Z");

    private JdbcStore db;
    private JdbcProfileStore store;

    @BeforeEach
    void open() {
        db = database.open();
        store = new JdbcProfileStore(db);
    }

    @Test
    void roundTripsEveryAttributeType() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("first_name", "Zoë");
        attributes.put("visits", 42L);
        attributes.put("lifetime_value", new BigDecimal("1234.50"));
        attributes.put("score", 0.75d);
        attributes.put("vip", true);
        attributes.put("birth_date", LocalDate.of(1990, 4, 1));
        attributes.put("signed_up_at", Instant.parse("2024-01-05T12:00:00.123456789Z"));
        attributes.put("numeric_string", "42");
        attributes.put("big", 1.0E10d);
        Profile profile = new Profile("p-1", Set.of(new Identity("email", "zoe@example.com"),
                new Identity("customer_id", "C1")), attributes, CREATED_NANOS, UPDATED);

        store.save(profile);

        Profile read = store.find("p-1").orElseThrow();
        assertThat(read).isEqualTo(new Profile("p-1", profile.identities(), attributes,
                database.stored(CREATED_NANOS), UPDATED));
        assertThat(read.attributes().get("birth_date")).isInstanceOf(LocalDate.class);
        assertThat(read.attributes().get("lifetime_value")).isEqualTo(new BigDecimal("1234.50"));
        assertThat(read.attributes().get("visits")).isInstanceOf(Long.class);
        assertThat(read.attributes().get("numeric_string")).isEqualTo("42");
        assertThat(read.attributes().keySet()).containsExactlyElementsOf(attributes.keySet());
        assertThat(read.attributes().get("big")).isInstanceOf(Double.class);
        assertThat(read.attributes().get("signed_up_at")).as("attribute instants keep nanoseconds everywhere")
                .isEqualTo(Instant.parse("2024-01-05T12:00:00.123456789Z"));
        assertThat(read.createdAt()).as("H2 keeps nanoseconds, PostgreSQL microseconds (truncated)")
                .isEqualTo(dialect == Dialect.H2 ? CREATED_NANOS : Instant.parse("2025-03-01T10:15:30.123456Z"));
    }

    @Test
    void findsByAnyIdentity() {
        Profile profile = profile("p-1", new Identity("email", "ann@example.com"), new Identity("customer_id", "C1"));
        store.save(profile);

        assertThat(store.findByIdentity(new Identity("email", "ann@example.com"))).contains(profile);
        assertThat(store.findByIdentity(new Identity("customer_id", "C1"))).contains(profile);
        assertThat(store.findByIdentity(new Identity("customer_id", "ann@example.com"))).isEmpty();
        assertThat(store.find("nobody")).isEmpty();
    }

    @Test
    void saveReplacesTheProfileAndItsIdentities() {
        store.save(profile("p-1", new Identity("email", "old@example.com"), new Identity("customer_id", "C1")));
        Profile changed = new Profile("p-1", Set.of(new Identity("email", "new@example.com")),
                Map.of("city", "Graz"), CREATED, UPDATED.plusSeconds(60));

        store.save(changed);

        assertThat(store.find("p-1")).contains(changed);
        assertThat(store.findByIdentity(new Identity("email", "old@example.com"))).isEmpty();
        assertThat(store.findByIdentity(new Identity("customer_id", "C1"))).isEmpty();
        assertThat(store.count()).isEqualTo(1);
        // The released identity may now go to someone else.
        store.save(profile("p-2", new Identity("email", "old@example.com")));
        assertThat(store.findByIdentity(new Identity("email", "old@example.com")).map(Profile::id)).contains("p-2");
    }

    @Test
    void anIdentityOfAnotherProfileIsRefusedAndNothingIsWritten() {
        store.save(profile("p-1", new Identity("email", "ann@example.com")));
        Profile intruder = new Profile("p-2", Set.of(new Identity("customer_id", "C2"),
                new Identity("email", "ann@example.com")), Map.of("city", "Wien"), CREATED, UPDATED);

        assertThatThrownBy(() -> store.save(intruder))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot save profile p-2: identity email:ann@example.com already belongs to profile p-1");

        assertThat(store.find("p-2")).isEmpty();
        assertThat(store.findByIdentity(new Identity("customer_id", "C2"))).isEmpty();
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void anAnonymousProfileHasNoIdentities() {
        Profile anonymous = profile("anon");
        store.save(anonymous);
        assertThat(store.find("anon")).contains(anonymous);
    }

    @Test
    void anUnsupportedAttributeTypeIsACallerError() {
        Profile odd = new Profile("p-1", Set.of(), Map.of("tags", List.of("a")), CREATED, UPDATED);
        assertThatThrownBy(() -> store.save(odd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value of 'tags' has unsupported type");
    }

    @Test
    void forEachVisitsEveryProfileOnceInIdOrderAndTheVisitorMayRead() {
        int total = 2 * JdbcProfileStore.PAGE_SIZE + 200;
        List<String> expected = new ArrayList<>();
        for (int i = total; i > 0; i--) {
            String id = "p-" + i;
            store.save(profile(id, new Identity("customer_id", "C" + i)));
            expected.add(id);
        }
        expected.sort(null);
        assertThat(store.count()).isEqualTo(total);

        // A pool of one proves that no connection is held while the visitor runs.
        db.close();
        db = database.open(Map.of("pool.size", 1));
        JdbcProfileStore single = new JdbcProfileStore(db);
        List<String> visited = new ArrayList<>();
        single.forEach(profile -> {
            visited.add(profile.id());
            String number = profile.id().substring(2);
            assertThat(profile.identities()).containsExactly(new Identity("customer_id", "C" + number));
            assertThat(single.findByIdentity(new Identity("customer_id", "C" + number))).contains(profile);
        });

        assertThat(visited).containsExactlyElementsOf(expected);
    }

    @Test
    void saveAllWritesEveryProfileAndMayMoveIdentitiesWithinTheBatch() {
        store.save(profile("p-1", new Identity("email", "shared@example.com")));
        Profile first = profile("p-1", new Identity("customer_id", "C1"));
        Profile second = profile("p-2", new Identity("email", "shared@example.com"), new Identity("customer_id", "C2"));
        Profile third = profile("p-3");

        store.saveAll(List.of(first, second, third));

        assertThat(store.count()).isEqualTo(3);
        assertThat(store.find("p-1")).contains(first);
        assertThat(store.find("p-2")).contains(second);
        assertThat(store.find("p-3")).contains(third);
        assertThat(store.findByIdentities(List.of(new Identity("email", "shared@example.com"),
                new Identity("customer_id", "C1"), new Identity("customer_id", "none"))))
                .containsExactly(Map.entry(new Identity("email", "shared@example.com"), second),
                        Map.entry(new Identity("customer_id", "C1"), first));
    }

    @Test
    void saveAllIsAllOrNothing() {
        store.save(profile("p-0", new Identity("email", "taken@example.com")));
        List<Profile> batch = List.of(profile("p-1", new Identity("customer_id", "C1")),
                profile("p-2", new Identity("email", "taken@example.com")));

        assertThatThrownBy(() -> store.saveAll(batch))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot save profile p-2: identity email:taken@example.com already belongs to profile p-0");
        assertThatThrownBy(() -> store.saveAll(List.of(profile("p-1", new Identity("customer_id", "C1")),
                profile("p-2", new Identity("customer_id", "C1")))))
                .hasMessage("cannot save profile p-2: identity customer_id:C1 already belongs to profile p-1");
        assertThat(store.count()).isEqualTo(1);
        store.saveAll(List.of());
    }

    @Test
    void findByIdentitiesAnswersInChunks() {
        List<Profile> profiles = new ArrayList<>();
        List<Identity> asked = new ArrayList<>();
        for (int i = 0; i < JdbcProfileStore.PAGE_SIZE + 20; i++) {
            profiles.add(profile("p-" + i, new Identity("customer_id", "C" + i)));
            asked.add(new Identity("customer_id", "C" + i));
        }
        store.saveAll(profiles);

        Map<Identity, Profile> found = store.findByIdentities(asked);
        assertThat(found).hasSize(profiles.size());
        assertThat(found.get(new Identity("customer_id", "C510"))).isEqualTo(profiles.get(510));
        assertThat(store.findByIdentities(List.of())).isEmpty();
    }

    @Test
    void forEachOverAnEmptyStoreVisitsNothing() {
        List<Profile> visited = new ArrayList<>();
        store.forEach(visited::add);
        assertThat(visited).isEmpty();
    }

    private static Profile profile(String id, Identity... identities) {
        return new Profile(id, Set.of(identities), Map.of("country", "AT"), CREATED, UPDATED);
    }
}
