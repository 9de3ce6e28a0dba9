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
import org.junit.jupiter.api.Test;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;

/** What explain says for each kind of condition: the lines a console prints. NOW is 2025-06-15T12:00:00Z. */
class ExplainTest {

    static final Profile ANN = profile("ann", map("country", "DE", "birth_date", LocalDate.parse("1992-02-29"),
            "time_zone", "Europe/Berlin", "signed_up_at", NOW.minus(Duration.ofDays(40))));

    static List<String> explain(String text, Profile profile, List<Event> events, SegmentLookup segments) {
        Rule rule = ConditionKindsTest.rule(text);
        Trace trace = RuleEvaluator.explain(rule, EvaluationContext.of(profile, events, NOW, segments));
        assertThat(trace.result()).isEqualTo(RuleEvaluator.matches(rule, EvaluationContext.of(profile, events, NOW, segments)));
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
}
