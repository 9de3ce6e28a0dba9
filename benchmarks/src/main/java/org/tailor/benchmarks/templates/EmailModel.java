package org.tailor.benchmarks.templates;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recipient in the shape Tailor hands templates, which the map-reading engines (Pebble,
 * FreeMarker, plain Velocity) get too: profile attributes by name under {@code profile}, and the
 * campaign's variables (coupon, unsubscribe link, formatted date and credit, products) at the top.
 * A value the recipient does not have is absent, never null, as in a Tailor profile.
 */
public final class EmailModel {

    private EmailModel() {
    }

    /** The profile attributes the email reads: first_name, last_name, city, country, language, loyalty_points, last_order_id. */
    public static Map<String, Object> attributes(Recipient recipient) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        putIfKnown(attributes, "first_name", recipient.firstName());
        attributes.put("last_name", recipient.lastName());
        putIfKnown(attributes, "city", recipient.city());
        attributes.put("country", recipient.country());
        attributes.put("language", recipient.language());
        attributes.put("loyalty_points", recipient.loyaltyPoints());
        putIfKnown(attributes, "last_order_id", recipient.lastOrderId());
        return attributes;
    }

    /** The per-recipient variables a campaign passes: coupon_code, unsubscribe_url, points_expiry, credit, products. */
    public static Map<String, Object> variables(Recipient recipient) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("coupon_code", recipient.couponCode());
        variables.put("unsubscribe_url", recipient.unsubscribeUrl());
        variables.put("points_expiry", recipient.pointsExpiry());
        variables.put("credit", recipient.credit());
        variables.put("products", recipient.products().stream().map(EmailModel::product).toList());
        return variables;
    }

    /** Attributes under {@code profile} and the variables beside it: one map a template engine reads. */
    public static Map<String, Object> model(Recipient recipient) {
        Map<String, Object> model = new HashMap<>(variables(recipient));
        model.put("profile", attributes(recipient));
        return Map.copyOf(model);
    }

    private static Map<String, Object> product(Product product) {
        return Map.of("name", product.name(), "price", product.price(), "url", product.url(),
                "image_url", product.imageUrl());
    }

    private static void putIfKnown(Map<String, Object> map, String name, Object value) {
        if (value != null) {
            map.put(name, value);
        }
    }

    /** Unmodifiable copies of every recipient's model, made once before measuring. */
    public static List<Map<String, Object>> models(List<Recipient> recipients) {
        return recipients.stream().map(EmailModel::model).toList();
    }
}
