package org.tailor.segments.internal;

import static org.tailor.segments.internal.Fixtures.NOW;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tailor.api.model.Event;
import org.tailor.segments.internal.Fixtures.InMemoryProfileStore;
import org.tailor.segments.internal.ScoringFixtures.StreamingEventStore;

/**
 * A store with four clearly separated kinds of behaviour, drawn from a seeded generator: power
 * buyers, email engagers, browsers and dormant profiles, {@code perGroup} of each, with ids
 * {@code <group>-<n>} and the group by id in {@link #groupOf}.
 */
final class PlantedBehaviour {

    static final List<String> CATEGORIES = List.of("outdoor", "fashion", "electronics", "home", "beauty");

    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final StreamingEventStore events = new StreamingEventStore();
    final Map<String, String> groupOf = new LinkedHashMap<>();
    private final Random random;
    private int eventIds;

    PlantedBehaviour(long seed, int perGroup) {
        random = new Random(seed);
        for (int n = 0; n < perGroup; n++) {
            powerBuyer("buyer-" + n);
            engager("engager-" + n);
            browser("browser-" + n);
            dormant("dormant-" + n);
        }
    }

    /** The same events in another order, as a database may stream them. */
    PlantedBehaviour shuffled(long seed) {
        List<Event> copy = new ArrayList<>(events.events);
        Collections.shuffle(copy, new Random(seed));
        events.events.clear();
        events.events.addAll(copy);
        return this;
    }

    private void powerBuyer(String id) {
        add(id, ClusterNamer.POWER_BUYERS);
        String favourite = pick();
        for (int k = 0; k < 10 + random.nextInt(6); k++) {
            event(id, "order", daysAgo(1 + random.nextInt(90)), random.nextInt(4) == 0 ? pick() : favourite);
            event(id, "product_viewed", daysAgo(1 + random.nextInt(90)), favourite);
        }
    }

    /** Opens and clicks emails and lands on pages without categories, never orders. */
    private void engager(String id) {
        add(id, ClusterNamer.ENGAGERS);
        for (int k = 0; k < 15 + random.nextInt(10); k++) {
            event(id, "email_opened", daysAgo(random.nextInt(60)), null);
        }
        for (int k = 0; k < 10 + random.nextInt(6); k++) {
            event(id, "email_link_clicked", daysAgo(random.nextInt(60)), null);
        }
        for (int k = 0; k < 3; k++) {
            event(id, "page_viewed", daysAgo(random.nextInt(60)), null);
        }
    }

    private void browser(String id) {
        add(id, ClusterNamer.BROWSERS);
        for (int k = 0; k < 30 + random.nextInt(15); k++) {
            event(id, random.nextBoolean() ? "product_viewed" : "page_viewed", daysAgo(random.nextInt(30)), pick());
        }
    }

    private void dormant(String id) {
        add(id, ClusterNamer.DORMANT);
        for (int k = 0; k < 1 + random.nextInt(3); k++) {
            event(id, "product_viewed", daysAgo(200 + random.nextInt(150)), pick());
        }
    }

    private void add(String id, String group) {
        profiles.add(Fixtures.profile(id));
        groupOf.put(id, group);
    }

    private String pick() {
        return CATEGORIES.get(random.nextInt(CATEGORIES.size()));
    }

    private Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days)).minusSeconds(random.nextInt(86_400));
    }

    private void event(String profileId, String type, Instant at, String category) {
        Map<String, Object> properties = category == null ? Map.of() : Map.of("category", category);
        events.add(new Event("p" + (++eventIds), profileId, type, at, properties, "test"));
    }
}
