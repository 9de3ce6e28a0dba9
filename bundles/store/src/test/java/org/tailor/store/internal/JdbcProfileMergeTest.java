package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Order;
import org.tailor.api.model.Profile;
import org.tailor.api.model.ProfileMerge;
import org.tailor.api.store.StoreException;

@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcProfileMergeTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant MERGED = T0.plusSeconds(3600);
    private static final Instant UNMERGED = T0.plusSeconds(7200);

    @Parameter
    Dialect dialect;

    @TempDir
    Path dir;

    private TestDatabase database;
    private JdbcProfileStore profiles;
    private JdbcEventStore events;
    private JdbcOrderStore orders;

    private Profile ann;
    private Profile anon;

    @BeforeEach
    void open() {
        database = TestDatabase.create(dialect, dir);
        JdbcStore db = database.open();
        profiles = new JdbcProfileStore(db);
        events = new JdbcEventStore(db);
        orders = new JdbcOrderStore(db);
        ann = profile("p-ann", attributes("city", "Graz", "tier", "gold"),
                new Identity("email", "ann@example.com"), new Identity("customer_id", "C1"));
        anon = profile("p-anon", attributes("city", "Wien", "phone", "123"),
                new Identity("anonymous_id", "a-77"), new Identity("email", "ann.work@example.com"));
        profiles.save(ann);
        profiles.save(anon);
        events.append(event("e-ann", "p-ann"));
        events.append(event("e-anon", "p-anon"));
        orders.save(order("o-ann", "p-ann"));
        orders.save(order("o-anon", "p-anon"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void mergeMovesIdentitiesEventsAndOrdersAndFillsMissingAttributes() {
        ProfileMerge merge = profiles.merge("p-ann", "p-anon", "email:ann@example.com via test", MERGED);

        assertThat(merge.survivorId()).isEqualTo("p-ann");
        assertThat(merge.absorbedId()).isEqualTo("p-anon");
        assertThat(merge.active()).isTrue();
        Profile merged = new Profile("p-ann", Set.of(new Identity("email", "ann@example.com"),
                new Identity("customer_id", "C1"), new Identity("anonymous_id", "a-77"),
                new Identity("email", "ann.work@example.com")),
                attributes("city", "Graz", "tier", "gold", "phone", "123"), T0, MERGED);
        assertThat(profiles.find("p-ann")).contains(merged);
        assertThat(profiles.find("p-anon")).as("the absorbed id finds the survivor").contains(merged);
        assertThat(profiles.findByIdentity(new Identity("anonymous_id", "a-77"))).contains(merged);
        assertThat(profiles.count()).isEqualTo(1);
        List<String> visited = new ArrayList<>();
        profiles.forEach(p -> visited.add(p.id()));
        assertThat(visited).containsExactly("p-ann");

        assertThat(events.eventsOf("p-ann", null)).extracting(Event::id, Event::profileId)
                .containsExactly(tuple("e-ann", "p-ann"),
                        tuple("e-anon", "p-ann"));
        assertThat(events.eventsOf("p-anon", null)).isEmpty();
        assertThat(orders.ordersOf("p-ann")).extracting(Order::orderId).containsExactly("o-ann", "o-anon");
        assertThat(orders.summaryOf("p-ann").orderCount()).isEqualTo(2);

        assertThat(profiles.merges("p-ann")).containsExactly(merge);
        assertThat(profiles.merges("p-anon")).containsExactly(merge);
        assertThat(profiles.findMerge(merge.id())).contains(merge);
        assertThat(profiles.findMerge("no-such-merge")).isEmpty();
    }

    @Test
    void rowsWrittenForTheAbsorbedIdReachTheSurvivorAndGoBackOnUnmerge() {
        ProfileMerge merge = profiles.merge("p-ann", "p-anon", "test", MERGED);
        events.append(event("e-late", "p-anon"));
        orders.save(order("o-late", "p-anon"));
        assertThat(events.eventsOf("p-ann", null)).extracting(Event::id).contains("e-late");
        assertThat(orders.ordersOf("p-ann")).extracting(Order::orderId).contains("o-late");

        profiles.unmerge(merge.id(), UNMERGED);

        assertThat(events.eventsOf("p-anon", null)).extracting(Event::id).containsExactly("e-anon", "e-late");
        assertThat(orders.ordersOf("p-anon")).extracting(Order::orderId).containsExactly("o-anon", "o-late");
    }

    @Test
    void unmergeRestoresBothSides() {
        ProfileMerge merge = profiles.merge("p-ann", "p-anon", "test", MERGED);

        ProfileMerge undone = profiles.unmerge(merge.id(), UNMERGED);

        assertThat(undone.revertedAt()).contains(UNMERGED);
        assertThat(undone.active()).isFalse();
        assertThat(profiles.findMerge(merge.id())).contains(undone);
        assertThat(profiles.find("p-ann")).contains(withUpdatedAt(ann, UNMERGED));
        assertThat(profiles.find("p-anon")).contains(withUpdatedAt(anon, UNMERGED));
        assertThat(profiles.findByIdentity(new Identity("anonymous_id", "a-77")).map(Profile::id)).contains("p-anon");
        assertThat(events.eventsOf("p-ann", null)).containsExactly(event("e-ann", "p-ann"));
        assertThat(events.eventsOf("p-anon", null)).containsExactly(event("e-anon", "p-anon"));
        assertThat(orders.ordersOf("p-ann")).containsExactly(order("o-ann", "p-ann"));
        assertThat(orders.ordersOf("p-anon")).containsExactly(order("o-anon", "p-anon"));
        assertThat(profiles.count()).isEqualTo(2);
        // Undone, the two can be merged again (the other way round, even).
        assertThat(profiles.merge("p-anon", "p-ann", "again", UNMERGED.plusSeconds(1)).active()).isTrue();
    }

    @Test
    void unmergeKeepsWhatChangedSinceTheMerge() {
        ProfileMerge merge = profiles.merge("p-ann", "p-anon", "test", MERGED);
        Profile merged = profiles.find("p-ann").orElseThrow();
        Map<String, Object> changed = new LinkedHashMap<>(merged.attributes());
        changed.put("city", "Linz");
        changed.put("vip", true);
        Set<Identity> identities = new LinkedHashSet<>(merged.identities());
        identities.remove(new Identity("email", "ann.work@example.com"));
        identities.add(new Identity("email", "ann.new@example.com"));
        profiles.save(new Profile("p-ann", identities, changed, T0, MERGED.plusSeconds(1)));

        profiles.unmerge(merge.id(), UNMERGED);

        Profile survivor = profiles.find("p-ann").orElseThrow();
        assertThat(survivor.attributes()).as("phone came with the merge and is unchanged: it goes; city changed: it stays")
                .isEqualTo(attributes("city", "Linz", "tier", "gold", "vip", true));
        assertThat(survivor.identities()).containsExactlyInAnyOrder(new Identity("email", "ann@example.com"),
                new Identity("customer_id", "C1"), new Identity("email", "ann.new@example.com"));
        assertThat(profiles.find("p-anon").orElseThrow().identities())
                .as("an identity the survivor dropped since stays dropped")
                .containsExactly(new Identity("anonymous_id", "a-77"));
    }

    @Test
    void chainsResolveToTheLastSurvivorAndUnwindFromTheTop() {
        Profile carl = profile("p-carl", attributes("city", "Linz"), new Identity("email", "carl@example.com"));
        profiles.save(carl);
        events.append(event("e-carl", "p-carl"));
        ProfileMerge first = profiles.merge("p-ann", "p-anon", "a into b", MERGED);
        ProfileMerge second = profiles.merge("p-carl", "p-ann", "b into c", MERGED.plusSeconds(1));

        assertThat(profiles.find("p-anon").map(Profile::id)).contains("p-carl");
        assertThat(profiles.find("p-ann").map(Profile::id)).contains("p-carl");
        assertThat(events.eventsOf("p-carl", null)).extracting(Event::id)
                .containsExactlyInAnyOrder("e-carl", "e-ann", "e-anon");
        assertThat(profiles.merges("p-ann")).containsExactly(first, second);
        events.append(event("e-late", "p-anon"));
        assertThat(events.eventsOf("p-carl", null)).extracting(Event::id).contains("e-late");

        assertThatThrownBy(() -> profiles.unmerge(first.id(), UNMERGED))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot unmerge " + first.id() + " (profile p-anon from p-ann): profile p-ann was merged"
                        + " into profile p-carl since; undo that merge first");

        profiles.unmerge(second.id(), UNMERGED);
        assertThat(profiles.find("p-anon").map(Profile::id)).as("the first merge still holds").contains("p-ann");
        assertThat(profiles.find("p-carl")).contains(withUpdatedAt(carl, UNMERGED));
        assertThat(events.eventsOf("p-carl", null)).extracting(Event::id).containsExactly("e-carl");
        assertThat(events.eventsOf("p-ann", null)).extracting(Event::id)
                .containsExactlyInAnyOrder("e-ann", "e-anon", "e-late");
        assertThat(profiles.find("p-ann").orElseThrow().identities()).hasSize(4);

        profiles.unmerge(first.id(), UNMERGED.plusSeconds(1));
        assertThat(profiles.find("p-anon")).contains(withUpdatedAt(anon, UNMERGED.plusSeconds(1)));
        assertThat(profiles.find("p-ann")).contains(withUpdatedAt(ann, UNMERGED.plusSeconds(1)));
        assertThat(events.eventsOf("p-anon", null)).extracting(Event::id).containsExactly("e-anon", "e-late");
    }

    @Test
    void invalidMergesAreRefusedAndChangeNothing() {
        assertThatThrownBy(() -> profiles.merge("p-ann", "p-ann", "x", MERGED))
                .hasMessage("cannot merge profile p-ann into profile p-ann: a profile cannot be merged into itself");
        assertThatThrownBy(() -> profiles.merge("p-ann", "p-none", "x", MERGED))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot merge profile p-none into profile p-ann: profile p-none does not exist");
        ProfileMerge merge = profiles.merge("p-ann", "p-anon", "x", MERGED);
        profiles.save(profile("p-third", Map.of()));
        assertThatThrownBy(() -> profiles.merge("p-third", "p-anon", "x", MERGED))
                .hasMessage("cannot merge profile p-anon into profile p-third: profile p-anon was already merged"
                        + " into profile p-ann");
        assertThatThrownBy(() -> profiles.merge("p-anon", "p-third", "x", MERGED))
                .hasMessage("cannot merge profile p-third into profile p-anon: profile p-anon was already merged"
                        + " into profile p-ann");
        assertThatThrownBy(() -> profiles.save(anon))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot save profile p-anon: it was merged into profile p-ann; save that profile"
                        + " instead, or undo the merge first");
        assertThatThrownBy(() -> profiles.unmerge("no-such-merge", UNMERGED))
                .hasMessage("cannot unmerge no-such-merge: there is no such merge");
        profiles.unmerge(merge.id(), UNMERGED);
        assertThatThrownBy(() -> profiles.unmerge(merge.id(), UNMERGED))
                .hasMessage("cannot unmerge " + merge.id() + ": it was undone at " + UNMERGED);

        assertThat(profiles.find("p-anon")).contains(withUpdatedAt(anon, UNMERGED));
        assertThat(profiles.merges("p-third")).isEmpty();
    }

    @Test
    void restoreRevertsOnlyWhatTheMergeTouchedAndNobodyChangedSince() {
        Map<String, Object> before = attributes("a", 1L, "b", 2L);
        Map<String, Object> after = attributes("a", 1L, "b", 2L, "c", 3L, "d", 4L);
        Map<String, Object> current = attributes("a", 10L, "b", 2L, "c", 30L, "e", 5L);

        assertThat(ProfileMerges.restore(before, after, current))
                .isEqualTo(attributes("a", 10L, "b", 2L, "c", 30L, "e", 5L));
        assertThat(ProfileMerges.restore(before, after, after)).isEqualTo(before);
    }

    private static Profile withUpdatedAt(Profile profile, Instant at) {
        return new Profile(profile.id(), profile.identities(), profile.attributes(), profile.createdAt(), at);
    }

    private static Profile profile(String id, Map<String, Object> attributes, Identity... identities) {
        return new Profile(id, Set.of(identities), attributes, T0, T0);
    }

    private static Map<String, Object> attributes(Object... namesAndValues) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            attributes.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return attributes;
    }

    private static Event event(String id, String profileId) {
        return new Event(id, profileId, "page_viewed", T0.plusSeconds(id.length()), Map.of("page", "/" + id), "test");
    }

    private static Order order(String id, String profileId) {
        return new Order(id, profileId, T0.plusSeconds(id.length()), "EUR", new BigDecimal("9.90"), List.of(),
                "test");
    }
}
