package org.tailor.store.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.model.Order;
import org.tailor.api.model.OrderLine;
import org.tailor.api.model.PurchaseSummary;
import org.tailor.api.store.OrderStore;
import org.tailor.api.store.StoreException;

/**
 * Orders in table {@code orders}, their lines in {@code order_lines}.
 *
 * <p>Amounts are stored at a fixed scale of {@value #SCALE} decimals, so that sums come out the
 * same on every database, with the scale they were given in beside them, so that an amount reads
 * back exactly as it was written ({@code 19.90} stays {@code 19.90}, not {@code 19.9}).
 */
@Component(service = OrderStore.class)
public final class JdbcOrderStore implements OrderStore {

    /** The decimals the amount columns keep; an amount needing more is refused rather than rounded. */
    static final int SCALE = 8;

    private static final String ORDER_COLUMNS = "SELECT order_id, profile_id, ordered_at, currency, total,"
            + " total_scale, source FROM orders";

    /**
     * One pass over the profile's orders. The majority currency is the one with most orders; a tie
     * goes to the currency of the latest order, then to the alphabetically first.
     */
    private static final String SUMMARY = "WITH mine AS (SELECT currency, total, total_scale, ordered_at"
            + " FROM orders WHERE profile_id = ?),"
            + " major AS (SELECT currency FROM mine GROUP BY currency"
            + " ORDER BY COUNT(*) DESC, MAX(ordered_at) DESC, currency FETCH FIRST 1 ROWS ONLY)"
            + " SELECT (SELECT currency FROM major) AS currency, COUNT(*) AS orders,"
            + " SUM(CASE WHEN currency = (SELECT currency FROM major) THEN total END) AS lifetime,"
            + " COUNT(CASE WHEN currency = (SELECT currency FROM major) THEN 1 END) AS in_currency,"
            + " MAX(CASE WHEN currency = (SELECT currency FROM major) THEN total_scale END) AS amount_scale,"
            + " MIN(ordered_at) AS first_at, MAX(ordered_at) AS last_at FROM mine";

    private final JdbcStore db;
    private final Dialect dialect;

    @Activate
    public JdbcOrderStore(@Reference JdbcStore db) {
        this.db = db;
        this.dialect = db.dialect();
    }

    /**
     * Header and lines in one transaction; the header's primary key decides what is a duplicate.
     * An order addressed to a profile absorbed by a merge is stored with the survivor, as events are.
     */
    @Override
    public boolean save(Order order) {
        Objects.requireNonNull(order, "order");
        String operation = "save order " + order.orderId();
        checkScale(order, "total", order.total());
        for (int i = 0; i < order.lines().size(); i++) {
            checkScale(order, "lines[" + i + "].unit_price", order.lines().get(i).unitPrice());
        }
        return db.inTransaction(operation, c -> {
            String owner = Survivors.lockedRoot(c, dialect, order.profileId());
            try (PreparedStatement insert = c.prepareStatement(dialect.insertIfNew("INSERT INTO orders (order_id,"
                    + " profile_id, origin_profile_id, ordered_at, currency, total, total_scale, source)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"))) {
                insert.setString(1, order.orderId());
                insert.setString(2, owner);
                insert.setString(3, order.profileId());
                dialect.setInstant(insert, 4, order.orderedAt());
                insert.setString(5, order.currency());
                insert.setBigDecimal(6, order.total());
                insert.setInt(7, order.total().scale());
                insert.setString(8, order.source());
                if (!Jdbc.insertIfNew(insert)) {
                    return false;
                }
            }
            insertLines(c, order);
            return true;
        });
    }

    /** Oldest first; orders placed at the same instant by order id. */
    @Override
    public List<Order> ordersOf(String profileId) {
        Objects.requireNonNull(profileId, "profileId");
        return db.withConnection("read orders of profile " + profileId, c -> {
            Map<String, OrderRow> orders = new LinkedHashMap<>();
            try (PreparedStatement statement = c.prepareStatement(ORDER_COLUMNS
                    + " WHERE profile_id = ? ORDER BY ordered_at, order_id")) {
                statement.setString(1, profileId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        OrderRow row = new OrderRow(rows);
                        orders.put(row.orderId, row);
                    }
                }
            }
            if (orders.isEmpty()) {
                return List.of();
            }
            try (PreparedStatement statement = c.prepareStatement("SELECT l.order_id, l.sku, l.name, l.category,"
                    + " l.quantity, l.unit_price, l.unit_price_scale FROM order_lines l"
                    + " JOIN orders o ON o.order_id = l.order_id WHERE o.profile_id = ? ORDER BY l.order_id, l.line_no")) {
                statement.setString(1, profileId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        OrderRow order = orders.get(rows.getString("order_id"));
                        if (order != null) {
                            order.lines.add(new OrderLine(rows.getString("sku"),
                                    Optional.ofNullable(rows.getString("name")),
                                    Optional.ofNullable(rows.getString("category")), rows.getInt("quantity"),
                                    exact(rows.getBigDecimal("unit_price"), rows.getInt("unit_price_scale"))));
                        }
                    }
                }
            }
            return orders.values().stream().map(OrderRow::toOrder).toList();
        });
    }

    /**
     * Counts, sums and dates come from SQL. The average is the lifetime value divided by the orders
     * in that currency, in the Java code so that its rounding is the same on every database: to the
     * largest scale among those orders' totals (at least 0), half-even.
     */
    @Override
    public PurchaseSummary summaryOf(String profileId) {
        Objects.requireNonNull(profileId, "profileId");
        return db.withConnection("summarize orders of profile " + profileId, c -> {
            try (PreparedStatement statement = c.prepareStatement(SUMMARY)) {
                statement.setString(1, profileId);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    long orders = rows.getLong("orders");
                    if (orders == 0) {
                        return PurchaseSummary.none();
                    }
                    long inCurrency = rows.getLong("in_currency");
                    int scale = Math.max(0, rows.getInt("amount_scale"));
                    BigDecimal lifetime = rows.getBigDecimal("lifetime").setScale(scale, RoundingMode.UNNECESSARY);
                    BigDecimal average = lifetime.divide(BigDecimal.valueOf(inCurrency), scale, RoundingMode.HALF_EVEN);
                    return new PurchaseSummary(orders, Optional.of(rows.getString("currency")), lifetime, average,
                            Optional.of(Jdbc.getInstant(rows, "first_at")), Optional.of(Jdbc.getInstant(rows, "last_at")),
                            orders - inCurrency);
                }
            }
        });
    }

    @Override
    public long count() {
        return db.withConnection("count orders", c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT COUNT(*) FROM orders")) {
                return Jdbc.count(statement);
            }
        });
    }

    private static void insertLines(Connection c, Order order) throws SQLException {
        if (order.lines().isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO order_lines (order_id, line_no, sku, name,"
                + " category, quantity, unit_price, unit_price_scale) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int number = 0;
            for (OrderLine line : order.lines()) {
                insert.setString(1, order.orderId());
                insert.setInt(2, ++number);
                insert.setString(3, line.sku());
                insert.setString(4, line.name().orElse(null));
                insert.setString(5, line.category().orElse(null));
                insert.setInt(6, line.quantity());
                insert.setBigDecimal(7, line.unitPrice());
                insert.setInt(8, line.unitPrice().scale());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Refused before anything is written, because the column would round the amount. */
    private static void checkScale(Order order, String field, BigDecimal amount) {
        if (amount.stripTrailingZeros().scale() > SCALE) {
            throw new StoreException("cannot save order " + order.orderId() + ": " + field + " " + amount.toPlainString()
                    + " has more than " + SCALE + " decimal places");
        }
        if (amount.precision() - amount.scale() > 30 - SCALE) {
            throw new StoreException("cannot save order " + order.orderId() + ": " + field + " " + amount.toPlainString()
                    + " has more than " + (30 - SCALE) + " digits before the decimal point");
        }
    }

    /** The stored amount at the scale it was given in; exact, because the given scale lost nothing. */
    private static BigDecimal exact(BigDecimal stored, int scale) {
        return stored.setScale(scale, RoundingMode.UNNECESSARY);
    }

    private static final class OrderRow {
        final String orderId;
        final String profileId;
        final Instant orderedAt;
        final String currency;
        final BigDecimal total;
        final String source;
        final List<OrderLine> lines = new ArrayList<>();

        OrderRow(ResultSet rows) throws SQLException {
            this.orderId = rows.getString("order_id");
            this.profileId = rows.getString("profile_id");
            this.orderedAt = Jdbc.getInstant(rows, "ordered_at");
            this.currency = rows.getString("currency");
            this.total = exact(rows.getBigDecimal("total"), rows.getInt("total_scale"));
            this.source = rows.getString("source");
        }

        Order toOrder() {
            return new Order(orderId, profileId, orderedAt, currency, total, lines, source);
        }
    }
}
