package org.tailor.ingest.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tailor.api.model.Order;
import org.tailor.api.model.PurchaseSummary;
import org.tailor.api.store.OrderStore;

final class InMemoryOrderStore implements OrderStore {

    private final Map<String, Order> orders = new LinkedHashMap<>();

    @Override
    public synchronized boolean save(Order order) {
        return orders.putIfAbsent(order.orderId(), order) == null;
    }

    @Override
    public synchronized List<Order> ordersOf(String profileId) {
        return orders.values().stream().filter(o -> o.profileId().equals(profileId))
                .sorted(Comparator.comparing(Order::orderedAt)).toList();
    }

    @Override
    public synchronized PurchaseSummary summaryOf(String profileId) {
        List<Order> mine = ordersOf(profileId);
        if (mine.isEmpty()) {
            return PurchaseSummary.none();
        }
        String currency = mine.stream().collect(Collectors.groupingBy(Order::currency, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow().getKey();
        List<Order> inCurrency = mine.stream().filter(o -> o.currency().equals(currency)).toList();
        BigDecimal sum = inCurrency.stream().map(Order::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new PurchaseSummary(mine.size(), Optional.of(currency), sum,
                sum.divide(BigDecimal.valueOf(inCurrency.size()), 2, RoundingMode.HALF_EVEN),
                Optional.of(mine.get(0).orderedAt()), Optional.of(mine.get(mine.size() - 1).orderedAt()),
                mine.size() - inCurrency.size());
    }

    @Override
    public synchronized long count() {
        return orders.size();
    }

    synchronized Order get(String orderId) {
        return orders.get(orderId);
    }
}
