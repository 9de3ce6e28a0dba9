package org.tailor.consent.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The bounded cache consent checks are answered from, and the bookkeeping that keeps it from ever
 * answering from a state older than a completed write.
 *
 * <p>Every load and every write takes a number from one counter (the epoch). A write to a profile
 * stamps the profile's stripe with a fresh epoch both before and after it reaches the store; a
 * snapshot is used only while no stripe of its ids carries an epoch later than the one its load
 * took before reading. So a load that raced a write is stale as soon as the write returns, whatever
 * the interleaving, and a check that starts after a write returned never sees the state before it.
 * Stripes are shared by many ids: a collision costs a reload, never a wrong answer.
 *
 * <p>Thread safe.
 */
@Component(service = ConsentCache.class, configurationPid = ConsentLedgerService.PID)
public final class ConsentCache {

    private static final int STRIPES = 1 << 14;

    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLongArray lastWrite = new AtomicLongArray(STRIPES);
    private final AtomicLong allStaleUpTo = new AtomicLong();
    private final Cache<String, Snapshot> snapshots;

    @Activate
    public ConsentCache(ConsentConfig config) {
        this(config.cache_size(), Duration.ofSeconds(config.cache_ttl_seconds()));
    }

    ConsentCache(long maximumSize, Duration lifetime) {
        if (maximumSize < 0 || lifetime.isNegative()) {
            throw new IllegalArgumentException("cache.size and cache.ttl.seconds must not be negative");
        }
        this.snapshots = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(lifetime).build();
    }

    /**
     * The person's snapshot, loaded if there is none or it is stale.
     *
     * @param loader reads the snapshot; it is given the epoch to record as {@link Snapshot#loadedAt()}
     * @throws RuntimeException whatever the loader throws; nothing is cached then
     */
    Snapshot get(String profileId, Function<Long, Snapshot> loader) {
        Snapshot cached = snapshots.getIfPresent(profileId);
        if (cached != null && fresh(cached)) {
            return cached;
        }
        Snapshot loaded = loader.apply(epoch.incrementAndGet());
        snapshots.put(profileId, loaded);
        return loaded;
    }

    /** The cached snapshot if it is fresh, without loading. */
    Optional<Snapshot> peek(String profileId) {
        return Optional.ofNullable(snapshots.getIfPresent(profileId)).filter(this::fresh);
    }

    /** Runs a write to the profiles' consent or addresses, stamping them before and after it. */
    <T> T writing(Collection<String> profileIds, Supplier<T> write) {
        stamp(profileIds);
        try {
            return write.get();
        } finally {
            stamp(profileIds);
        }
    }

    /** Marks the profiles changed by a write that has already been committed elsewhere (ingest). */
    void changed(Collection<String> profileIds) {
        stamp(profileIds);
    }

    /** Makes every snapshot stale: for changes that cannot be traced to profiles. */
    void changedAll() {
        allStaleUpTo.set(epoch.incrementAndGet());
    }

    long size() {
        return snapshots.estimatedSize();
    }

    private void stamp(Collection<String> profileIds) {
        long now = epoch.incrementAndGet();
        for (String id : profileIds) {
            lastWrite.accumulateAndGet(stripe(id), now, Math::max);
        }
        snapshots.invalidateAll(profileIds);
    }

    private boolean fresh(Snapshot snapshot) {
        if (snapshot.loadedAt() <= allStaleUpTo.get()) {
            return false;
        }
        for (String id : snapshot.ids()) {
            if (lastWrite.get(stripe(id)) > snapshot.loadedAt()) {
                return false;
            }
        }
        return true;
    }

    private static int stripe(String id) {
        int h = id.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }
}
