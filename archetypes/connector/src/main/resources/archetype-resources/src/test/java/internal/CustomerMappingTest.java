package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.RecordKind;

class CustomerMappingTest {

    private final ObjectMapper json = new ObjectMapper();

    private InboundRecord map(String customer) throws Exception {
        return CustomerMapping.toRecord(json.readTree(customer), "acme:http://api/customers", "the first page, item 1");
    }

    @Test
    void mapsEveryPartnerFieldOntoItsCanonicalName() throws Exception {
        InboundRecord record = map("""
                {"id": 1042, "email": "anna@example.com", "firstName": "Anna", "lastName": "Berg",
                 "address": {"city": "Berlin", "countryCode": "DE", "street": "not imported"},
                 "birthday": "1990-04-01", "createdAt": "2024-01-05T10:00:00Z", "updatedAt": "2024-02-01T00:00:00Z",
                 "locale": "de-DE", "timeZone": "Europe/Berlin",
                 "acceptsMarketing": true, "acceptsMarketingUpdatedAt": "2024-01-05T10:00:05Z",
                 "custom": {"tier": "gold", "points": 120, "vip": false}}
                """);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("customer_id", "1042");
        expected.put("email", "anna@example.com");
        expected.put("first_name", "Anna");
        expected.put("last_name", "Berg");
        expected.put("city", "Berlin");
        expected.put("country", "DE");
        expected.put("birth_date", "1990-04-01");
        expected.put("signed_up_at", "2024-01-05T10:00:00Z");
        expected.put("locale", "de-DE");
        expected.put("time_zone", "Europe/Berlin");
        expected.put("email_marketing_consent", "granted");
        expected.put("consent_at", "2024-01-05T10:00:05Z");
        expected.put("attributes.tier", "gold");
        expected.put("attributes.points", new BigDecimal("120"));
        expected.put("attributes.vip", false);
        assertEquals(expected, record.fields());
        assertEquals(RecordKind.CUSTOMER, record.kind());
        assertEquals("acme:http://api/customers", record.source());
        assertEquals("the first page, item 1", record.position());
    }

    @Test
    void absentAndNullFieldsAreLeftOut() throws Exception {
        InboundRecord record = map("""
                {"email": "ben@example.com", "firstName": null, "acceptsMarketing": null}
                """);

        assertEquals(Map.of("email", "ben@example.com"), record.fields());
    }

    @Test
    void aRefusedOptInIsDeniedAndAStatusWordIsPassedOnForIngestToCheck() throws Exception {
        assertEquals("denied", map("{\"id\": \"C1\", \"acceptsMarketing\": false}").fields().get("email_marketing_consent"));
        assertEquals("withdrawn", map("{\"id\": \"C1\", \"acceptsMarketing\": \"withdrawn\"}").fields().get("email_marketing_consent"));
    }

    @Test
    void nestedCustomValuesAreKeptAsJsonText() throws Exception {
        InboundRecord record = map("""
                {"id": "C7", "custom": {"sizes": ["M", "L"], "pet": {"kind": "cat"}}}
                """);

        assertEquals("[\"M\",\"L\"]", record.fields().get("attributes.sizes"));
        assertEquals("{\"kind\":\"cat\"}", record.fields().get("attributes.pet"));
    }

    @Test
    void fieldsTheMappingDoesNotKnowAreNotImported() throws Exception {
        InboundRecord record = map("{\"id\": \"C8\", \"passwordHash\": \"x\", \"updatedAt\": \"2024-01-01T00:00:00Z\"}");

        assertEquals(Map.of("customer_id", "C8"), record.fields());
        assertFalse(record.fields().containsKey("passwordHash"));
    }
}
