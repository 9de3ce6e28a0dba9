package ${package}.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.RecordKind;

/**
 * Maps the partner's customer JSON onto Tailor's canonical CUSTOMER fields. Values are handed on as the API
 * sent them (text, number or boolean); Tailor's ingest validates them and rejects, with reasons, what does not
 * fit. Fields of the partner's that are not listed here are not imported.
 */
final class CustomerMapping {

    private static final String ATTRIBUTES = "attributes.";

    private CustomerMapping() {
    }

    static InboundRecord toRecord(JsonNode customer, String source, String position) {
        Map<String, Object> fields = new LinkedHashMap<>();
        // Identities are text even when the API sends numbers: 1042 and "1042" are one customer.
        fields.put("customer_id", text(customer.path("id")));
        fields.put("email", text(customer.path("email")));
        fields.put("first_name", value(customer.path("firstName")));
        fields.put("last_name", value(customer.path("lastName")));
        fields.put("city", value(customer.path("address").path("city")));
        fields.put("country", value(customer.path("address").path("countryCode")));
        fields.put("birth_date", value(customer.path("birthday")));
        fields.put("signed_up_at", value(customer.path("createdAt")));
        fields.put("locale", value(customer.path("locale")));
        fields.put("time_zone", value(customer.path("timeZone")));
        fields.put("email_marketing_consent", consent(customer.path("acceptsMarketing")));
        fields.put("consent_at", value(customer.path("acceptsMarketingUpdatedAt")));
        customer.path("custom").properties().forEach(attribute ->
                fields.put(ATTRIBUTES + attribute.getKey(), value(attribute.getValue())));
        return new InboundRecord(source, position, RecordKind.CUSTOMER, fields);
    }

    /** The API's opt-in flag says granted or denied; a status word the API may send instead is passed on for ingest to check. */
    private static Object consent(JsonNode acceptsMarketing) {
        if (acceptsMarketing.isBoolean()) {
            return acceptsMarketing.booleanValue() ? "granted" : "denied";
        }
        return value(acceptsMarketing);
    }

    private static String text(JsonNode node) {
        Object value = value(node);
        return value == null ? null : value.toString();
    }

    /** Null when absent; a scalar as its Java value; a nested object or list as its JSON text. */
    private static Object value(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.toString();
    }
}
