package org.tailor.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.ingest.internal.Records.customer;
import static org.tailor.ingest.internal.Records.event;
import static org.tailor.ingest.internal.Records.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.Violation;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.Identity;

class ValidationTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final RecordValidator VALIDATOR = new RecordValidator(CLOCK);

    final CustomerValidator customers = new CustomerValidator(VALIDATOR);
    final OrderValidator orders = new OrderValidator(VALIDATOR);
    final EventValidator events = new EventValidator(VALIDATOR);

    List<String> customerProblems(Object... nameValues) {
        return problems(customers.validate(customer(nameValues)));
    }

    static List<String> problems(Checked<?> checked) {
        return checked.violations().stream().map(Violation::toString).toList();
    }

    @Nested
    class Emails {

        @ParameterizedTest
        @ValueSource(strings = {"ann@example.com", "  Ann.Lee+news@Example.CO.uk ", "o'brien@mail.example.org", "x@a-b.de"})
        void acceptsValidAddresses(String email) {
            var checked = customers.validate(customer("email", email));
            assertThat(checked.violations()).isEmpty();
            assertThat(checked.value().identities())
                    .containsExactly(new Identity(Identity.EMAIL, EmailAddresses.normalize(email)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ann@@x", "ann", "@example.com", "ann@example", "ann lee@example.com", "ann@-x.com",
                "ann@x..com", ".ann@example.com", "ann@example.123", "ann@exa_mple.com"})
        void refusesInvalidAddresses(String email) {
            assertThat(customerProblems("email", email)).singleElement().asString()
                    .startsWith("email: '" + email.toLowerCase() + "' is not a valid email address");
        }

        @Test
        void reasonNamesTheValueAsInTheBrief() {
            assertThat(customerProblems("email", "ann@@x"))
                    .containsExactly("email: 'ann@@x' is not a valid email address: it must contain exactly one @");
        }

        @Test
        void limitsLocalPartAndTotalLength() {
            String local65 = "a".repeat(65);
            assertThat(customerProblems("email", local65 + "@example.com")).singleElement().asString()
                    .contains("longer than 64");
            String long255 = "a@" + "b".repeat(61) + "." + "f".repeat(10) + "." + "c".repeat(60) + "." + "d".repeat(60) + "." + "e".repeat(60) + ".com";
            assertThat(long255.length()).isGreaterThan(254);
            assertThat(customerProblems("email", long255)).isNotEmpty();
        }
    }

    @Nested
    class Customers {

        @Test
        void requiresCustomerIdOrEmail() {
            assertThat(customerProblems("first_name", "Ann"))
                    .containsExactly("customer_id: customer_id, email or anonymous_id is required; the record has none");
            assertThat(customerProblems("customer_id", "C1")).isEmpty();
        }

        @Test
        void mapsEveryStandardFieldToTypedAttributes() {
            var checked = customers.validate(customer("customer_id", " C1 ", "email", "Ann@Example.com",
                    "first_name", "Ann", "last_name", "Lee", "city", "Graz", "country", "at", "birth_date", "1990-04-23",
                    "signed_up_at", "2025-05-01", "locale", "de_AT", "time_zone", "Europe/Vienna",
                    "email_marketing_consent", "Granted", "consent_at", "2025-05-01T10:00:00+02:00",
                    "attributes.loyalty_tier", "gold"));
            assertThat(checked.violations()).isEmpty();
            CustomerData data = checked.value();
            assertThat(data.identities()).containsExactly(new Identity("customer_id", "C1"), new Identity("email", "ann@example.com"));
            assertThat(data.attributes()).containsEntry("first_name", "Ann").containsEntry("last_name", "Lee")
                    .containsEntry("city", "Graz").containsEntry("country", "AT")
                    .containsEntry("birth_date", LocalDate.of(1990, 4, 23))
                    .containsEntry("signed_up_at", Instant.parse("2025-05-01T00:00:00Z"))
                    .containsEntry("locale", "de-AT").containsEntry("time_zone", "Europe/Vienna")
                    .containsEntry("loyalty_tier", "gold");
            assertThat(data.consentStatus()).contains(ConsentStatus.GRANTED);
            assertThat(data.consentAt()).isEqualTo(Instant.parse("2025-05-01T08:00:00Z"));
        }

        @Test
        void country() {
            assertThat(customerProblems("customer_id", "C1", "country", "Germany"))
                    .containsExactly("country: 'Germany' is not an ISO 3166 alpha-2 code such as DE or US");
            assertThat(customerProblems("customer_id", "C1", "country", "DE")).isEmpty();
        }

        @Test
        void birthDate() {
            assertThat(customerProblems("customer_id", "C1", "birth_date", "2026-03-03"))
                    .containsExactly("birth_date: '2026-03-03' is in the future");
            assertThat(customerProblems("customer_id", "C1", "birth_date", "23.04.1990")).singleElement().asString()
                    .startsWith("birth_date: '23.04.1990' is not a date in the form yyyy-MM-dd");
            assertThat(customerProblems("customer_id", "C1", "birth_date", "1990-02-30")).hasSize(1);
            assertThat(customerProblems("customer_id", "C1", "birth_date", "2026-03-01")).isEmpty();
            assertThat(customerProblems("customer_id", "C1", "birth_date", LocalDate.of(1980, 1, 1))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-01-02T10:00:00Z", "2026-01-02T11:00:00+01:00", "2026-01-02 11:00:00 +0100", "2026-01-02 11:00:00 +01:00", "2026-01-02"})
        void dateTimesAcceptThreeForms(String value) {
            var checked = customers.validate(customer("customer_id", "C1", "signed_up_at", value));
            assertThat(checked.violations()).isEmpty();
            Instant expected = value.length() == 10 ? Instant.parse("2026-01-02T00:00:00Z") : Instant.parse("2026-01-02T10:00:00Z");
            assertThat(checked.value().signedUpAt()).isEqualTo(expected);
        }

        @Test
        void dateTimeInOtherFormIsRefused() {
            assertThat(customerProblems("customer_id", "C1", "signed_up_at", "02/01/2026")).singleElement().asString()
                    .startsWith("signed_up_at: '02/01/2026' is not a date-time: use an ISO-8601 instant");
        }

        @Test
        void localeAndTimeZone() {
            assertThat(customerProblems("customer_id", "C1", "locale", "not a locale!")).singleElement().asString()
                    .startsWith("locale: 'not a locale!' is not a BCP 47 language tag");
            assertThat(customerProblems("customer_id", "C1", "time_zone", "Mars/Olympus")).containsExactly(
                    "time_zone: 'Mars/Olympus' is not an IANA time zone such as Europe/Berlin");
            assertThat(customerProblems("customer_id", "C1", "locale", "en", "time_zone", "UTC")).isEmpty();
        }

        @Test
        void consentStatus() {
            assertThat(customerProblems("customer_id", "C1", "email_marketing_consent", "yes")).singleElement().asString()
                    .startsWith("email_marketing_consent: 'yes' is not a consent status");
            for (String status : new String[] {"granted", "denied", "withdrawn", "pending", ""}) {
                assertThat(customerProblems("customer_id", "C1", "email_marketing_consent", status)).isEmpty();
            }
        }

        @Test
        void fieldLength() {
            assertThat(customerProblems("customer_id", "C1", "city", "x".repeat(257)))
                    .singleElement().asString().startsWith("city: 'xxx").endsWith("is longer than 256 characters");
            assertThat(customerProblems("customer_id", "C1", "city", "x".repeat(256))).isEmpty();
        }

        @Test
        void unknownFieldsAndBadAttributeNames() {
            assertThat(customerProblems("customer_id", "C1", "foo", "bar")).singleElement().asString()
                    .startsWith("foo: unknown field; known fields are anonymous_id, birth_date, city, consent_at");
            assertThat(customerProblems("customer_id", "C1", "attributes.", "x")).singleElement().asString()
                    .startsWith("attributes.: '' is not a valid name");
            assertThat(customerProblems("customer_id", "C1", "attributes.country", "DE"))
                    .containsExactly("attributes.country: clashes with the standard field country; use the country field");
        }

        @Test
        void collectsEveryViolationOfARecord() {
            assertThat(customerProblems("email", "ann@@x", "country", "Germany", "birth_date", "2099-01-01",
                    "locale", "??", "foo", "1"))
                    .extracting(p -> p.substring(0, p.indexOf(':')))
                    .containsExactlyInAnyOrder("email", "country", "birth_date", "locale", "foo");
        }
    }

    @Nested
    class Orders {

        @Test
        void validOrder() {
            var checked = orders.validate(order("order_id", "O1", "email", "ann@example.com",
                    "ordered_at", "2026-02-01T09:00:00Z", "total", "19.90", "currency", "eur", "category", "outdoor"));
            assertThat(checked.violations()).isEmpty();
            assertThat(checked.value().total()).isEqualByComparingTo("19.90");
            assertThat(checked.value().currencyCode()).isEqualTo("EUR");
            assertThat(orders.validate(order("order_id", "O1", "customer_id", "C1", "ordered_at", "2026-02-01",
                    "total", new BigDecimal("0"), "currency", "USD")).violations()).isEmpty();
        }

        @Test
        void requiredFieldsAllReported() {
            assertThat(problems(orders.validate(order("category", "x")))).containsExactlyInAnyOrder(
                    "customer_id: customer_id, email or anonymous_id is required; the record has none",
                    "order_id: is required", "ordered_at: is required", "total: is required", "currency: is required");
        }

        @Test
        void totalAndCurrency() {
            assertThat(problems(orders.validate(order("order_id", "O1", "customer_id", "C1", "ordered_at", "2026-02-01",
                    "total", "-3", "currency", "EURO")))).containsExactly(
                    "total: '-3' must be zero or more",
                    "currency: 'EURO' is not an ISO 4217 currency code such as EUR or USD");
            assertThat(problems(orders.validate(order("order_id", "O1", "customer_id", "C1", "ordered_at", "2026-02-01",
                    "total", "1,50", "currency", "XYZ")))).containsExactly(
                    "total: '1,50' is not a decimal number: use digits and a dot, such as 19.99",
                    "currency: 'XYZ' is not an ISO 4217 currency code such as EUR or USD");
        }

        @Test
        void orderedAtAtMostOneDayAhead() {
            assertThat(problems(orders.validate(order("order_id", "O1", "customer_id", "C1",
                    "ordered_at", "2026-03-02T12:00:01Z", "total", "1", "currency", "EUR"))))
                    .containsExactly("ordered_at: '2026-03-02T12:00:01Z' is more than one day in the future");
            assertThat(orders.validate(order("order_id", "O1", "customer_id", "C1",
                    "ordered_at", "2026-03-02T12:00:00Z", "total", "1", "currency", "EUR")).isValid()).isTrue();
        }

        @Test
        void unknownField() {
            assertThat(problems(orders.validate(order("order_id", "O1", "customer_id", "C1", "ordered_at", "2026-02-01",
                    "total", "1", "currency", "EUR", "attributes.x", "1")))).singleElement().asString()
                    .startsWith("attributes.x: unknown field");
        }
    }

    @Nested
    class Events {

        InboundRecord viewed(Object type, Object occurredAt) {
            return event("customer_id", "C1", "type", type, "occurred_at", occurredAt, "properties.category", "outdoor");
        }

        @Test
        void validEvent() {
            var checked = events.validate(viewed("product_viewed", "2026-03-01T10:00:00Z"));
            assertThat(checked.violations()).isEmpty();
            assertThat(checked.value().properties()).containsExactly(java.util.Map.entry("category", "outdoor"));
            assertThat(checked.value().eventId()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"Product Viewed", "1click", "product-viewed", "_x"})
        void badTypes(String type) {
            assertThat(problems(events.validate(viewed(type, "2026-03-01")))).singleElement().asString()
                    .startsWith("type: '" + type + "' is not a valid event type");
        }

        @Test
        void typeLengthLimit() {
            assertThat(events.validate(viewed("a".repeat(64), "2026-03-01")).isValid()).isTrue();
            assertThat(events.validate(viewed("a".repeat(65), "2026-03-01")).isValid()).isFalse();
        }

        @Test
        void occurredAtAtMostOneDayAhead() {
            assertThat(problems(events.validate(viewed("click", "2026-03-05")))).containsExactly(
                    "occurred_at: '2026-03-05T00:00:00Z' is more than one day in the future");
            assertThat(events.validate(viewed("click", "2026-03-02")).isValid()).isTrue();
        }

        @Test
        void requiredAndUnknown() {
            assertThat(problems(events.validate(event("email", "a@b.co", "what", "x")))).containsExactlyInAnyOrder(
                    "type: is required", "occurred_at: is required",
                    "what: unknown field; known fields are anonymous_id, customer_id, email, event_id, occurred_at, type, properties.<name> and properties");
        }

        @Test
        void propertyValuesAreLimitedInLength() {
            assertThat(problems(events.validate(event("email", "a@b.co", "type", "click", "occurred_at", "2026-03-01",
                    "properties.url", "u".repeat(2049))))).singleElement().asString()
                    .startsWith("properties.url: 'uuu").endsWith("must be text of at most 2048 characters, a number, true/false or a date");
        }
    }
}
