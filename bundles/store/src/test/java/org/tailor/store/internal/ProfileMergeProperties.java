package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Order;
import org.tailor.api.model.Profile;
import org.tailor.api.model.ProfileMerge;
import org.tailor.api.store.StoreException;

/**
 * Random sequences of saves, event and order writes, merges and unmerges agree with a small
 * in-memory model of what the ProfileStore Javadoc promises, on H2 and on PostgreSQL. Each try
 * works on profiles of its own (ids with a fresh prefix), so tries share one database.
 */
class ProfileMergeProperties {

    private static final int PROFILES = 4;
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final List<String> KEYS = List.of("a", "b", "c");
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static final Map<Dialect, TestDatabase> DATABASES = new EnumMap<>(Dialect.class);
    private static final Map<Dialect, Stores> STORES = new EnumMap<>(Dialect.class);
    private static Path dir;

    sealed interface Op permits Save, Append, Buy, Merge, Unmerge {
    }

    /** Saves profile i with new attributes, as a caller who read it first; drops one identity if asked. */
    record Save(int i, Map<String, Long> attributes, boolean dropIdentity) implements Op {
    }

    record Append(int i) implements Op {
    }

    record Buy(int i) implements Op {
    }

    record Merge(int survivor, int absorbed) implements Op {
    }

    /** Undoes the k-th merge made so far (modulo their number). */
    record Unmerge(int k) implements Op {
    }

    record Stores(JdbcProfileStore profiles, JdbcEventStore events, JdbcOrderStore orders) {
    }

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("tailor-merge-properties");
        for (Dialect dialect : Dialect.values()) {
            if (dialect == Dialect.POSTGRESQL && "false".equals(System.getProperty("tailor.test.postgresql"))) {
                continue;
            }
            TestDatabase database = TestDatabase.create(dialect, dir.resolve(dialect.name()));
            DATABASES.put(dialect, database);
            JdbcStore db = database.open();
            STORES.put(dialect, new Stores(new JdbcProfileStore(db), new JdbcEventStore(db), new JdbcOrderStore(db)));
        }
    }

    @AfterContainer
    static void close() throws IOException {
        DATABASES.values().forEach(TestDatabase::close);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Property(tries = 40)
    void h2AgreesWithTheModel(@ForAll("sequences") List<Op> ops) {
        check(Dialect.H2, ops);
    }

    @Property(tries = 40)
    void postgresqlAgreesWithTheModel(@ForAll("sequences") List<Op> ops) {
        check(Dialect.POSTGRESQL, ops);
    }

    @Property(tries = 20)
    void h2MergeThenUnmergeRestoresEverything(@ForAll("sequences") List<Op> setUp,
                                              @ForAll("pairs") List<Integer> pair) {
        roundTrip(Dialect.H2, setUp, pair.get(0), pair.get(1));
    }

    @Property(tries = 20)
    void postgresqlMergeThenUnmergeRestoresEverything(@ForAll("sequences") List<Op> setUp,
                                                      @ForAll("pairs") List<Integer> pair) {
        roundTrip(Dialect.POSTGRESQL, setUp, pair.get(0), pair.get(1));
    }

    @Provide
    Arbitrary<List<Op>> sequences() {
        Arbitrary<Integer> profile = Arbitraries.integers().between(0, PROFILES - 1);
        Arbitrary<Map<String, Long>> attributes = Arbitraries.maps(Arbitraries.of(KEYS),
                Arbitraries.longs().between(0, 3)).ofMaxSize(3);
        Arbitrary<Op> save = Combinators.combine(profile, attributes, Arbitraries.of(false, false, true))
                .as(Save::new);
        Arbitrary<Op> merge = Combinators.combine(profile, profile).as(Merge::new);
        return Arbitraries.frequencyOf(
                Tuple.of(2, save),
                Tuple.of(2, profile.map(Append::new)),
                Tuple.of(1, profile.map(Buy::new)),
                Tuple.of(3, merge),
                Tuple.of(2, Arbitraries.integers().between(0, 7).map(Unmerge::new)))
                .list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<Integer>> pairs() {
        return Arbitraries.integers().between(0, PROFILES - 1).list().ofSize(2).uniqueElements();
    }

    private static void check(Dialect dialect, List<Op> ops) {
        Stores stores = stores(dialect);
        Model model = new Model(DATABASES.get(dialect), stores);
        for (Op op : ops) {
            model.apply(op);
            model.verify(op);
        }
    }

    /** After any history, merging two unabsorbed profiles and undoing it gives back the same state. */
    private static void roundTrip(Dialect dialect, List<Op> setUp, int survivor, int absorbed) {
        Stores stores = stores(dialect);
        Model model = new Model(DATABASES.get(dialect), stores);
        setUp.forEach(model::apply);
        if (model.absorbedInto[survivor] != null || model.absorbedInto[absorbed] != null) {
            return;
        }
        Map<String, Object> before = model.observe(false);
        Instant at = model.tick();
        ProfileMerge merge = stores.profiles.merge(model.id(survivor), model.id(absorbed), "round trip", at);
        stores.profiles.unmerge(merge.id(), model.tick());
        assertThat(model.observe(false)).isEqualTo(before);
    }

    private static Stores stores(Dialect dialect) {
        Stores stores = STORES.get(dialect);
        assumeTrue(stores != null, "PostgreSQL tests are switched off");
        return stores;
    }

    /** What the store should hold, kept with plain collections. */
    private static final class Model {
        final TestDatabase database;
        final Stores stores;
        final String prefix = "t" + TRIES.incrementAndGet() + "-";
        final List<Map<String, Object>> attributes = new ArrayList<>();
        final List<Set<Identity>> identities = new ArrayList<>();
        final Integer[] absorbedInto = new Integer[PROFILES];
        final Instant[] updatedAt = new Instant[PROFILES];
        /** Event and order ids to {owner, origin} profile indexes. */
        final Map<String, int[]> rows = new TreeMap<>();
        final List<MergeRecord> merges = new ArrayList<>();
        int clock;
        int counter;

        Model(TestDatabase database, Stores stores) {
            this.database = database;
            this.stores = stores;
            for (int i = 0; i < PROFILES; i++) {
                attributes.add(new LinkedHashMap<>(Map.of("name", "n" + i)));
                identities.add(new LinkedHashSet<>(Set.of(new Identity("email", prefix + i + "@example.com"),
                        new Identity("customer_id", prefix + "C" + i))));
                updatedAt[i] = T0;
                stores.profiles.save(new Profile(id(i), identities.get(i), attributes.get(i), T0, T0));
            }
        }

        String id(int i) {
            return prefix + "p" + i;
        }

        Instant tick() {
            return T0.plusMillis(1_000L * ++clock + 1);
        }

        int root(int i) {
            int current = i;
            while (absorbedInto[current] != null) {
                current = absorbedInto[current];
            }
            return current;
        }

        void apply(Op op) {
            Instant at = tick();
            if (op instanceof Save save) {
                save(save, at);
            } else if (op instanceof Append append) {
                String eventId = prefix + "e" + ++counter;
                assertThat(stores.events.append(new Event(eventId, id(append.i()), "page_viewed", at,
                        Map.of("n", (long) counter), "model"))).isTrue();
                rows.put(eventId, new int[] {root(append.i()), append.i()});
            } else if (op instanceof Buy buy) {
                String orderId = prefix + "o" + ++counter;
                assertThat(stores.orders.save(new Order(orderId, id(buy.i()), at, "EUR",
                        BigDecimal.valueOf(counter, 2), List.of(), "model"))).isTrue();
                rows.put(orderId, new int[] {root(buy.i()), buy.i()});
            } else if (op instanceof Merge merge) {
                merge(merge, at);
            } else if (op instanceof Unmerge unmerge) {
                unmerge(unmerge, at);
            }
        }

        private void save(Save save, Instant at) {
            int i = save.i();
            Set<Identity> kept = new LinkedHashSet<>(identities.get(i));
            if (save.dropIdentity()) {
                kept.stream().min(Comparator.comparing(Identity::toString)).ifPresent(kept::remove);
            }
            Profile profile = new Profile(id(i), kept, new LinkedHashMap<>(save.attributes()), T0, at);
            if (absorbedInto[i] != null) {
                assertThatThrownBy(() -> stores.profiles.save(profile)).isInstanceOf(StoreException.class)
                        .hasMessageContaining("it was merged into profile");
                return;
            }
            stores.profiles.save(profile);
            identities.set(i, kept);
            attributes.set(i, new LinkedHashMap<>(save.attributes()));
            updatedAt[i] = at;
        }

        private void merge(Merge op, Instant at) {
            int s = op.survivor();
            int a = op.absorbed();
            if (s == a || absorbedInto[s] != null || absorbedInto[a] != null) {
                assertThatThrownBy(() -> stores.profiles.merge(id(s), id(a), "model", at))
                        .isInstanceOf(StoreException.class);
                return;
            }
            ProfileMerge merge = stores.profiles.merge(id(s), id(a), "model", at);
            Map<String, Object> before = new LinkedHashMap<>(attributes.get(s));
            Map<String, Object> after = new LinkedHashMap<>(before);
            attributes.get(a).forEach(after::putIfAbsent);
            Set<Identity> moved = new HashSet<>(identities.get(a));
            identities.get(s).addAll(moved);
            identities.get(a).clear();
            rows.values().stream().filter(r -> r[0] == a).forEach(r -> r[0] = s);
            attributes.set(s, after);
            updatedAt[s] = at;
            absorbedInto[a] = s;
            merges.add(new MergeRecord(merge.id(), s, a, before, new LinkedHashMap<>(after), moved));
        }

        private void unmerge(Unmerge op, Instant at) {
            if (merges.isEmpty()) {
                return;
            }
            MergeRecord merge = merges.get(op.k() % merges.size());
            int s = merge.survivor;
            int a = merge.absorbed;
            if (!merge.active || absorbedInto[s] != null) {
                assertThatThrownBy(() -> stores.profiles.unmerge(merge.id, at)).isInstanceOf(StoreException.class);
                return;
            }
            assertThat(stores.profiles.unmerge(merge.id, at).active()).isFalse();
            for (Identity identity : merge.moved) {
                if (identities.get(s).remove(identity)) {
                    identities.get(a).add(identity);
                }
            }
            Set<Integer> members = new HashSet<>();
            for (int i = 0; i < PROFILES; i++) {
                for (Integer up = i; up != null; up = absorbedInto[up]) {
                    if (up == a) {
                        members.add(i);
                        break;
                    }
                }
            }
            rows.values().stream().filter(r -> r[0] == s && members.contains(r[1])).forEach(r -> r[0] = a);
            Map<String, Object> current = attributes.get(s);
            Map<String, Object> restored = new LinkedHashMap<>(current);
            Set<String> touched = new HashSet<>(merge.before.keySet());
            touched.addAll(merge.after.keySet());
            for (String key : touched) {
                if (Objects.equals(current.get(key), merge.after.get(key))) {
                    if (merge.before.containsKey(key)) {
                        restored.put(key, merge.before.get(key));
                    } else {
                        restored.remove(key);
                    }
                }
            }
            attributes.set(s, restored);
            updatedAt[s] = at;
            updatedAt[a] = at;
            absorbedInto[a] = null;
            merge.active = false;
        }

        void verify(Op after) {
            assertThat(observe(true)).as("after %s", after).isEqualTo(expected(true));
        }

        /** What the stores answer, in a form comparable with {@link #expected}. */
        Map<String, Object> observe(boolean withTimes) {
            Map<String, Object> seen = new TreeMap<>();
            for (int i = 0; i < PROFILES; i++) {
                Profile found = stores.profiles.find(id(i)).orElseThrow();
                seen.put(i + ".find", describe(found, withTimes));
                seen.put(i + ".events", stores.events.eventsOf(id(i), null).stream().map(Event::id).sorted().toList());
                seen.put(i + ".orders", stores.orders.ordersOf(id(i)).stream().map(Order::orderId).sorted().toList());
                for (Identity identity : identities.get(i)) {
                    seen.put(i + ".by " + identity, stores.profiles.findByIdentity(identity).map(Profile::id)
                            .orElse("none"));
                }
                if (withTimes) {
                    seen.put(i + ".merges", stores.profiles.merges(id(i)).stream()
                            .map(m -> m.id() + (m.active() ? "" : " undone")).toList());
                }
            }
            return seen;
        }

        Map<String, Object> expected(boolean withTimes) {
            Map<String, Object> expected = new TreeMap<>();
            for (int i = 0; i < PROFILES; i++) {
                int root = root(i);
                expected.put(i + ".find", describe(new Profile(id(root), identities.get(root), attributes.get(root),
                        T0, updatedAt[root]), withTimes));
                int owner = i;
                expected.put(i + ".events", rows.keySet().stream().filter(id -> id.startsWith(prefix + "e")
                        && rows.get(id)[0] == owner).sorted().toList());
                expected.put(i + ".orders", rows.keySet().stream().filter(id -> id.startsWith(prefix + "o")
                        && rows.get(id)[0] == owner).sorted().toList());
                for (Identity identity : identities.get(i)) {
                    expected.put(i + ".by " + identity, id(i));
                }
                if (withTimes) {
                    expected.put(i + ".merges", merges.stream().filter(m -> m.survivor == owner || m.absorbed == owner)
                            .map(m -> m.id + (m.active ? "" : " undone")).toList());
                }
            }
            return expected;
        }

        private String describe(Profile profile, boolean withTimes) {
            return profile.id() + " " + new TreeSet<>(profile.identities().stream().map(Identity::toString).toList())
                    + " " + new TreeMap<>(profile.attributes())
                    + (withTimes ? " " + profile.createdAt() + " " + database.stored(profile.updatedAt()) : "");
        }
    }

    private static final class MergeRecord {
        final String id;
        final int survivor;
        final int absorbed;
        final Map<String, Object> before;
        final Map<String, Object> after;
        final Set<Identity> moved;
        boolean active = true;

        MergeRecord(String id, int survivor, int absorbed, Map<String, Object> before, Map<String, Object> after,
                    Set<Identity> moved) {
            this.id = id;
            this.survivor = survivor;
            this.absorbed = absorbed;
            this.before = before;
            this.after = after;
            this.moved = moved;
        }
    }
}
