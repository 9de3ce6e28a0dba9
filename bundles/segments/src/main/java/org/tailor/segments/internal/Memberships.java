package org.tailor.segments.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.segment.MembershipChange;
import org.tailor.api.segment.MembershipListener;
import org.tailor.api.segment.MembershipUpdate;
import org.tailor.api.store.MembershipStore;

/**
 * The stored membership of segments: decided changes are stored first and then published to the
 * {@link MembershipListener}s, so a trigger never starts for an entry that a crash then loses.
 */
final class Memberships {

    private static final Logger LOG = LoggerFactory.getLogger(Memberships.class);
    /** Changes per store transaction in a recompute: bounds memory and transaction size. */
    static final int CHUNK = 5_000;

    private final MembershipStore store;
    private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();

    Memberships(MembershipStore store) {
        this.store = store;
    }

    void add(MembershipListener listener) {
        listeners.add(listener);
    }

    void remove(MembershipListener listener) {
        listeners.remove(listener);
    }

    MembershipStore store() {
        return store;
    }

    /** Stores the changes and tells the listeners about those that altered membership. */
    List<MembershipChange> apply(List<MembershipChange> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        List<MembershipChange> applied = store.apply(changes);
        if (!applied.isEmpty()) {
            for (MembershipListener listener : listeners) {
                try {
                    listener.membershipChanged(applied);
                } catch (RuntimeException e) {
                    // The change is stored; one listener's failure must not hide it from the others.
                    LOG.error("Membership listener {} failed on {} changes", listener, applied.size(), e);
                }
            }
        }
        return applied;
    }

    /**
     * Makes the stored members of a segment exactly those the evaluation visits: everyone visited
     * and not stored enters, everyone stored and not visited leaves.
     *
     * @param evaluation calls its argument with the id of every member now
     */
    MembershipUpdate replace(String segmentId, Consumer<Consumer<String>> evaluation, Instant at) {
        long started = System.nanoTime();
        Set<String> stored = new HashSet<>();
        store.forEachMember(segmentId, stored::add);
        List<MembershipChange> pending = new ArrayList<>();
        long[] counts = new long[3];
        evaluation.accept(id -> {
            counts[0]++;
            if (!stored.remove(id)) {
                pending.add(new MembershipChange(segmentId, id, true, at));
                counts[1]++;
                if (pending.size() == CHUNK) {
                    apply(List.copyOf(pending));
                    pending.clear();
                }
            }
        });
        for (String gone : stored) {
            pending.add(new MembershipChange(segmentId, gone, false, at));
            counts[2]++;
            if (pending.size() == CHUNK) {
                apply(List.copyOf(pending));
                pending.clear();
            }
        }
        apply(pending);
        return new MembershipUpdate(segmentId, counts[0], counts[1], counts[2], Duration.ofNanos(System.nanoTime() - started));
    }

    /** Everyone leaves the segment: it was deleted. */
    long clear(String segmentId, Instant at) {
        return replace(segmentId, visitor -> { }, at).left();
    }
}
