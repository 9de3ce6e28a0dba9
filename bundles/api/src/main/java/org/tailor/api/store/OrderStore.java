package org.tailor.api.store;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.Order;
import org.tailor.api.model.PurchaseSummary;

/**
 * Orders with their line items, and the purchase figures derived from them.
 *
 * <p>Thread safe. Failures throw {@link StoreException}.
 */
@ProviderType
public interface OrderStore {

    /**
     * Stores the order and its lines in one transaction unless an order with the same id exists.
     *
     * @return true if stored, false if it was a duplicate
     */
    boolean save(Order order);

    /** The profile's orders, oldest first; never null. */
    List<Order> ordersOf(String profileId);

    /** The profile's purchase figures from its stored orders; never null. */
    PurchaseSummary summaryOf(String profileId);

    /** How many orders there are. */
    long count();
}
