package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.segments.internal.Fixtures.NOW;
import static org.tailor.segments.internal.Fixtures.event;
import static org.tailor.segments.internal.Fixtures.map;
import static org.tailor.segments.internal.Fixtures.profile;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;

/** What explain says for each kind of condition: the lines a console prints. NOW is 2025-06-15T12:00:00Z. */
class ExplainTest {

    static final Profile ANN = profile("ann", map("country", "DE", "birth_date", LocalDate.parse("1992-02-29"),
            "time_zone", "Europe/Berlin", "signed_up_at", NOW.minus(Duration.ofDays(40))));

    static List<String> explain(String text, Profile profile, List<Event> events, SegmentLookup segments) {
        return explain(text, EvaluationContext.of(profile, events, NOW, segments));
    }

    static List<String> explain(String text, EvaluationContext context) {
        Rule rule = ConditionKindsTest.rule(text);
        Trace trace = RuleEvaluator.explain(rule, context);
        assertThat(trace.result()).isEqualTo(RuleEvaluator.matches(rule, context));
        return trace.lines();
    }

    static String line(String text, Event... events) {
        List<String> lines = explain(text, ANN, List.of(events), SegmentLookup.NONE);
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    @Test
    void profileConditions() {
        assertThat(line("city = \"Berlin\"")).isEqualTo("city = \"Berlin\": city is missing: false");
        assertThat(line("signed_up_at in last 30 days"))
                .isEqualTo("signed_up_at in last 30 days: signed_up_at is 2025-05-06, today is 2025-06-15 in Europe/Berlin (40 days ago): false");
        assertThat(line("birthday in next 7 days")).isEqualTo("birthday in next 7 days: birth_date is 1992-02-29, today is 2025-06-15 in "
                + "Europe/Berlin, next anniversary 2026-02-28 (in 258 days), needed within 7 days: false");
        assertThat(line("purchase order_count >= 1")).isEqualTo("purchase order_count >= 1: order_count is 0 (no orders): false");
    }

    @Test
    void eventConditions() {
        Event a = event("ann", "order", NOW.minus(Duration.ofDays(2)), map("total", new BigDecimal("30.00"), "categories", "kitchen,outdoor"));
        Event b = event("ann", "order", NOW.minus(Duration.ofDays(5)), map("total", "12.5", "category", "shoes"));
        assertThat(line("event order sum total >= 50 within 30 days", a, b))
                .isEqualTo("event order sum total >= 50 within 30 days: sum of total 42.50 within 30 days, needed >= 50: false");
        assertThat(line("event order = 2 times from \"2025-06-01\" to \"2025-06-30\"", a, b))
                .isEqualTo("event order = 2 times from \"2025-06-01\" to \"2025-06-30\": 2 times from 2025-06-01 to 2025-06-30, needed exactly 2: true");
        assertThat(line("bought category = \"outdoor\" within 30 days", a, b)).isEqualTo("bought category = \"outdoor\" within 30 days: "
                + "2 orders within 30 days with categories kitchen, outdoor, shoes, 1 of them in the list: true");
        Event cart = event("ann", "cart_added", NOW.minus(Duration.ofHours(6)), map());
        assertThat(line("event cart_added then no event order within 4 hours", cart)).isEqualTo("event cart_added then no event order "
                + "within 4 hours: 1 cart_added ever; the one at 2025-06-15T06:00:00Z had no order within 4 hours: true");
    }

    @Test
    void segmentReferencesShowTheReferencedRule() {
        Map<String, Rule> rules = Map.of("germans", ConditionKindsTest.rule("country = \"DE\""));
        SegmentLookup segments = id -> Optional.ofNullable(rules.get(id));
        assertThat(explain("segment \"germans\" or segment \"gone\"", ANN, List.of(), segments)).containsExactly(
                "any of: 1 of 2 hold: true",
                "  segment \"germans\": a member: true",
                "    country = \"DE\": country is \"DE\": true",
                "  segment \"gone\": no such segment is loaded: false");
    }

    @Test
    void windowsOfDaysAgo() {
        Event view = event("ann", "page_viewed", NOW.minus(Duration.ofDays(40)), map());
        assertThat(line("no event page_viewed between 31 and 90 days ago", view)).isEqualTo("no event page_viewed between 31 and 90 days "
                + "ago: 1 times between 31 and 90 days ago, needed exactly 0: false");
    }

    @Test
    void scoresAndConsentShowWhatTheyRead() {
        ConsentRecord granted = new ConsentRecord("ann", "email_marketing", ConsentStatus.GRANTED, Instant.parse("2025-01-10T08:00:00Z"),
                "form:signup");
        ConsentRecord withdrawn = new ConsentRecord("ann", "email_marketing", ConsentStatus.WITHDRAWN, Instant.parse("2025-03-01T09:30:00Z"),
                "csv:consents.csv:3");
        EvaluationContext context = EvaluationContext.of(ANN, List.of(), NOW, SegmentLookup.NONE,
                map("engagement", new BigDecimal("42.5"), "cluster", "Bargain hunters"), List.of(granted, withdrawn));
        assertThat(explain("score engagement >= 60", context)).containsExactly("score engagement >= 60: engagement is 42.5: false");
        assertThat(explain("score churn_risk exists", context)).containsExactly("score churn_risk exists: churn_risk is missing: false");
        assertThat(explain("cluster = \"Power buyers\"", context))
                .containsExactly("cluster = \"Power buyers\": cluster is \"Bargain hunters\": false");
        assertThat(explain("consent email_marketing is granted", context)).containsExactly("consent email_marketing is granted: "
                + "latest is withdrawn (2025-03-01T09:30:00Z, csv:consents.csv:3): false");
        assertThat(explain("consent sale_sharing in [withdrawn, denied]", context)).containsExactly("consent sale_sharing in "
                + "[withdrawn, denied]: latest is unknown (no record for sale_sharing): false");
    }

    @Test
    void lifecycleConditionsShowTheStagesUpToTheFirstThatMatches() {
        Lifecycle lifecycle = ConditionKindsTest.lifecycle("""
                stage new_subscriber: signed_up_at in last 30 days
                stage active: event order within 90 days
                stage at_risk: event order between 91 and 365 days ago
                """);
        SegmentLookup segments = new Fixtures.Lookup(Map.of(), Optional.of(lifecycle));
        Event order = event("ann", "order", NOW.minus(Duration.ofDays(20)), map());
        assertThat(explain("lifecycle = \"at_risk\"", ANN, List.of(order), segments)).containsExactly(
                "lifecycle = \"at_risk\": stage is active (first matching stage): false",
                "  stage new_subscriber: false",
                "    signed_up_at in last 30 days: signed_up_at is 2025-05-06, today is 2025-06-15 in Europe/Berlin (40 days ago): false",
                "  stage active: true",
                "    event order within 90 days: 1 times within 90 days, needed >= 1: true");
        assertThat(explain("lifecycle in [\"none\", \"churned\"]", ANN, List.of(), segments)).containsExactly(
                "lifecycle in [\"none\", \"churned\"]: stage is none (no stage matches): true",
                "  stage new_subscriber: false",
                "    signed_up_at in last 30 days: signed_up_at is 2025-05-06, today is 2025-06-15 in Europe/Berlin (40 days ago): false",
                "  stage active: false",
                "    event order within 90 days: 0 times within 90 days, needed >= 1: false",
                "  stage at_risk: false",
                "    event order between 91 and 365 days ago: 0 times between 91 and 365 days ago, needed >= 1: false");
        assertThat(explain("lifecycle = \"active\"", ANN, List.of(order), SegmentLookup.NONE))
                .containsExactly("lifecycle = \"active\": stage is none (no lifecycle is defined): false");
    }
}
