package org.tailor.ingest.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.tailor.api.model.Profile;
import org.tailor.api.model.PurchaseSummary;
import org.tailor.api.store.OrderStore;
import org.tailor.api.store.ProfileStore;

/**
 * Keeps a profile's purchase figures (order count, lifetime value, average order value, first and
 * last purchase) in its attributes, derived from its stored orders, so that segment rules and
 * templates read them like any other attribute.
 */
final class PurchaseFigures {

    static final String ORDER_COUNT = "order_count";
    static final String LIFETIME_VALUE = "lifetime_value";
    static final String AVERAGE_ORDER_VALUE = "average_order_value";
    static final String ORDER_CURRENCY = "order_currency";
    static final String FIRST_ORDER_AT = "first_order_at";
    static final String LAST_ORDER_AT = "last_order_at";
    static final java.util.Set<String> DERIVED =
            java.util.Set.of(ORDER_COUNT, LIFETIME_VALUE, AVERAGE_ORDER_VALUE, ORDER_CURRENCY, FIRST_ORDER_AT, LAST_ORDER_AT);

    private final ProfileStore profiles;
    private final OrderStore orders;
    private final Clock clock;
    private final ReentrantLock lock;

    PurchaseFigures(ProfileStore profiles, OrderStore orders, Clock clock, ReentrantLock lock) {
        this.profiles = profiles;
        this.orders = orders;
        this.clock = clock;
        this.lock = lock;
    }

    /** Recomputes the figures of the profile (or the profile it was merged into) from its orders. */
    void refresh(String profileId) {
        lock.lock();
        try {
            profiles.find(profileId).ifPresent(profile -> {
                Map<String, Object> attributes = withFigures(profile.attributes(), orders.summaryOf(profile.id()));
                if (!attributes.equals(profile.attributes())) {
                    profiles.save(new Profile(profile.id(), profile.identities(), attributes, profile.createdAt(), clock.instant()));
                }
            });
        } finally {
            lock.unlock();
        }
    }

    static Map<String, Object> withFigures(Map<String, Object> attributes, PurchaseSummary summary) {
        Map<String, Object> result = new LinkedHashMap<>(attributes);
        result.keySet().removeAll(DERIVED);
        if (summary.orderCount() == 0) {
            return result;
        }
        result.put(ORDER_COUNT, summary.orderCount());
        result.put(LIFETIME_VALUE, summary.lifetimeValue());
        result.put(AVERAGE_ORDER_VALUE, summary.averageOrderValue());
        summary.currency().ifPresent(c -> result.put(ORDER_CURRENCY, c));
        summary.firstPurchaseAt().ifPresent(t -> result.put(FIRST_ORDER_AT, t));
        summary.lastPurchaseAt().ifPresent(t -> result.put(LAST_ORDER_AT, t));
        return result;
    }
}
