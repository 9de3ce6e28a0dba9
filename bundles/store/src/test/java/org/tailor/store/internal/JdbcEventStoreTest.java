package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.model.Event;

@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcEventStoreTest extends DatabaseTestSupport {

    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");

    private JdbcStore db;
    private JdbcEventStore store;

    @BeforeEach
    void open() {
        db = database.open();
        store = new JdbcEventStore(db);
    }

    @Test
    void appendIsIdempotentOnIdAndKeepsTheFirst() {
        Event order = new Event("order:1", "p-1", "order", T0,
                Map.of("total", new BigDecimal("19.90"), "currency", "EUR"), "csv:orders.csv");
        Event sameId = new Event("order:1", "p-1", "order", T0.plusSeconds(5), Map.of(), "csv:orders-2.csv");

        assertThat(store.append(order)).isTrue();
        assertThat(store.append(sameId)).isFalse();
        assertThat(store.append(order)).isFalse();

        assertThat(store.count()).isEqualTo(1);
        assertThat(store.eventsOf("p-1", T0)).containsExactly(order);
    }

    @Test
    void eventsOfIsTheProfilesWindowOldestFirst() {
        Event late = event("e-late", "p-1", T0.plusSeconds(300));
        Event early = event("e-early", "p-1", T0.minusSeconds(60));
        Event atSinceB = event("e-b", "p-1", T0);
        Event atSinceA = event("e-a", "p-1", T0);
        Event other = event("e-other", "p-2", T0.plusSeconds(10));
        for (Event e : new Event[] {late, early, atSinceB, atSinceA, other}) {
            assertThat(store.append(e)).isTrue();
        }

        assertThat(store.eventsOf("p-1", T0)).as("at or after since; ties by id")
                .containsExactly(atSinceA, atSinceB, late);
        assertThat(store.eventsOf("p-1", Instant.MIN)).containsExactly(early, atSinceA, atSinceB, late);
        assertThat(store.eventsOf("p-1", null)).containsExactly(early, atSinceA, atSinceB, late);
        assertThat(store.eventsOf("p-1", T0.plusSeconds(301))).isEmpty();
        assertThat(store.eventsOf("nobody", Instant.EPOCH)).isEmpty();
        assertThat(store.count()).isEqualTo(5);
    }

    @Test
    void appendAllStoresTheNewOnesOnceAndCountsThem() {
        Event existing = event("e-1", "p-1", T0);
        store.append(existing);
        Event fresh = event("e-2", "p-1", T0.plusSeconds(1));
        Event other = event("e-3", "p-2", T0.plusSeconds(2));
        Event sameIdInBatch = event("e-2", "p-9", T0.plusSeconds(3));

        assertThat(store.appendAll(List.of(existing, fresh, other, sameIdInBatch))).isEqualTo(2);
        assertThat(store.appendAll(List.of())).isZero();

        assertThat(store.count()).isEqualTo(3);
        assertThat(store.eventsOf("p-1", null)).containsExactly(existing, fresh);
        assertThat(store.eventsOf("p-2", null)).containsExactly(other);
        assertThat(store.eventsOf("p-9", null)).isEmpty();
    }

    @Test
    void propertiesKeepTheirTypesAndNulls() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("category", "outdoor");
        properties.put("quantity", 3L);
        properties.put("missing", null);
        Event event = new Event("e-1", "p-1", "product_viewed", T0, properties, "csv:events.csv");
        store.append(event);

        assertThat(store.eventsOf("p-1", T0)).containsExactly(event);
    }

    @Test
    void forEachSinceStreamsEveryEventFromTheInstantOn() {
        store.appendAll(List.of(event("e-old", "p-1", T0.minusSeconds(1)), event("e-1", "p-1", T0),
                event("e-2", "p-2", T0.plusSeconds(60))));
        List<Event> seen = new ArrayList<>();

        assertThat(store.forEachSince(T0, seen::add)).isEqualTo(2);
        assertThat(seen).extracting(Event::id).containsExactlyInAnyOrder("e-1", "e-2");
        assertThat(seen).filteredOn(e -> e.id().equals("e-1")).first().isEqualTo(event("e-1", "p-1", T0));

        seen.clear();
        assertThat(store.forEachSince(null, seen::add)).isEqualTo(3);
    }

    @Test
    void appendNewSaysWhichWereStored() {
        Event first = event("e-1", "p-1", T0);
        store.append(first);
        Event second = event("e-2", "p-1", T0.plusSeconds(1));

        assertThat(store.appendNew(List.of(first, second, event("e-2", "p-1", T0.plusSeconds(2)))))
                .containsExactly(second);
        assertThat(store.appendNew(List.of())).isEmpty();
    }

    private static Event event(String id, String profileId, Instant at) {
        return new Event(id, profileId, "product_viewed", at, Map.of("category", "outdoor"), "test");
    }
}
