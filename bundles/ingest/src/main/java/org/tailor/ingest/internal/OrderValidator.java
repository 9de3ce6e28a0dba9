package org.tailor.ingest.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.Violation;

/** Reads an order record, with its line items, into {@link OrderData} and checks it. */
final class OrderValidator {

    static final Set<String> FIELDS;
    static final Set<String> ITEM_FIELDS = Set.of("sku", "name", "category", "quantity", "unit_price");

    static {
        Set<String> fields = new HashSet<>(IdentityData.FIELDS);
        fields.addAll(List.of("order_id", "ordered_at", "total", "currency", "category", "items"));
        FIELDS = Set.copyOf(fields);
    }

    private final RecordValidator validator;

    OrderValidator(RecordValidator validator) {
        this.validator = validator;
    }

    Checked<OrderData> validate(InboundRecord record) {
        FieldReader reader = new FieldReader(record.fields());
        reader.rejectUnknown(FIELDS, null);
        OrderData order = new OrderData(IdentityData.read(reader), reader.text("order_id"), reader.instant("ordered_at"),
                reader.decimal("total"), reader.text("currency"), reader.text("category"), items(reader));
        List<Violation> violations = validator.violations(reader, order, record.fields());
        return violations.isEmpty() ? Checked.valid(order) : Checked.invalid(violations);
    }

    private static List<OrderData.LineData> items(FieldReader reader) {
        Object raw = reader.raw("items");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            reader.violation("items", "must be a list of line items with sku, name, category, quantity and unit_price");
            return List.of();
        }
        List<OrderData.LineData> items = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String at = "items[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> item)) {
                reader.violation(at, "must be a line item with sku, name, category, quantity and unit_price");
                continue;
            }
            for (Object key : item.keySet()) {
                if (!ITEM_FIELDS.contains(String.valueOf(key))) {
                    reader.violation(at + "." + key, "unknown field; line items have sku, name, category, quantity and unit_price");
                }
            }
            Object quantity = item.containsKey("quantity") ? item.get("quantity") : 1;
            items.add(new OrderData.LineData(FieldReader.text(item.get("sku")), FieldReader.text(item.get("name")),
                    FieldReader.text(item.get("category")), reader.integer(at + ".quantity", quantity),
                    reader.decimal(at + ".unit_price", item.get("unit_price"))));
        }
        return items;
    }
}
