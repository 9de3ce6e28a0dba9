package org.tailor.consent.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Order;
import org.tailor.api.model.Profile;
import org.tailor.api.model.SubjectRequest;

/**
 * The JSON document of an access request: plain names and ISO-8601 times, so that the person can
 * read it and another controller can import it (Art. 20). Built as a tree, never by reflection, so
 * that exactly what is listed here goes out.
 */
final class PersonExport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root = JSON.createObjectNode();

    PersonExport(SubjectRequest request) {
        ObjectNode about = root.putObject("request");
        about.put("id", request.id());
        about.put("requested_at", request.requestedAt().toString());
        about.put("profile_id", request.profileId());
    }

    PersonExport profile(Profile profile, Collection<String> mergedIds) {
        ObjectNode node = root.putObject("profile");
        node.put("id", profile.id());
        node.put("created_at", profile.createdAt().toString());
        node.put("updated_at", profile.updatedAt().toString());
        values(node.putObject("attributes"), profile.attributes());
        ArrayNode merged = node.putArray("merged_profile_ids");
        mergedIds.stream().filter(id -> !id.equals(profile.id())).sorted().forEach(merged::add);
        ArrayNode identities = root.putArray("identities");
        for (Identity identity : profile.identities()) {
            identities.addObject().put("namespace", identity.namespace()).put("value", identity.value());
        }
        return this;
    }

    PersonExport events(Collection<Event> events) {
        ArrayNode list = root.putArray("events");
        for (Event event : events) {
            ObjectNode node = list.addObject();
            node.put("id", event.id()).put("type", event.type()).put("occurred_at", event.occurredAt().toString())
                    .put("source", event.source());
            values(node.putObject("properties"), event.properties());
        }
        return this;
    }

    PersonExport consents(Collection<ConsentRecord> history) {
        ArrayNode list = root.putArray("consents");
        for (ConsentRecord r : history) {
            ObjectNode node = list.addObject();
            node.put("profile_id", r.profileId()).put("purpose", r.purpose()).put("status", r.status().name())
                    .put("recorded_at", r.recordedAt().toString()).put("source", r.source())
                    .put("lawful_basis", r.lawfulBasis().name()).put("channel", r.channel())
                    .put("text_version", r.textVersion()).put("text_sha256", r.textHash()).put("actor", r.actor());
            r.expiresAt().ifPresent(at -> node.put("expires_at", at.toString()));
        }
        return this;
    }

    PersonExport orders(Collection<Order> orders) {
        ArrayNode list = root.putArray("orders");
        for (Order order : orders) {
            ObjectNode node = list.addObject();
            node.put("order_id", order.orderId()).put("ordered_at", order.orderedAt().toString())
                    .put("currency", order.currency()).put("total", order.total()).put("source", order.source());
            ArrayNode lines = node.putArray("lines");
            order.lines().forEach(line -> {
                ObjectNode l = lines.addObject().put("sku", line.sku()).put("quantity", line.quantity())
                        .put("unit_price", line.unitPrice());
                line.name().ifPresent(n -> l.put("name", n));
                line.category().ifPresent(c -> l.put("category", c));
            });
        }
        return this;
    }

    PersonExport messages(Collection<OutboxEntry> entries) {
        ArrayNode list = root.putArray("messages");
        for (OutboxEntry entry : entries) {
            list.addObject().put("campaign", entry.campaignId()).put("recipient", entry.recipient())
                    .put("status", entry.status().name()).put("created_at", entry.createdAt().toString())
                    .put("detail", entry.detail())
                    .put("message", new String(entry.mime(), StandardCharsets.UTF_8));
        }
        return this;
    }

    PersonExport suppressed(boolean suppressed) {
        root.put("address_suppressed", suppressed);
        return this;
    }

    String json() {
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static void values(ObjectNode node, Map<String, Object> values) {
        values.forEach((name, value) -> {
            if (value instanceof Boolean b) {
                node.put(name, b);
            } else if (value instanceof BigDecimal d) {
                node.put(name, d);
            } else if (value instanceof Long || value instanceof Integer) {
                node.put(name, ((Number) value).longValue());
            } else if (value instanceof Number n) {
                node.put(name, n.doubleValue());
            } else {
                node.put(name, String.valueOf(value));
            }
        });
    }
}
