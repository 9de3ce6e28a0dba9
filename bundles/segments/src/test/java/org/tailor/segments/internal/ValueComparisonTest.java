package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.tailor.segments.internal.ValueComparison.Kind;

/** The comparison rule, line by line: numbers when both are numbers, dates when both are dates, else text. */
class ValueComparisonTest {

    @Test
    void numbersCompareNumericallyWhenBothSidesAreNumbers() {
        assertThat(ValueComparison.compare(10L, new BigDecimal("9"))).isPositive();
        assertThat(ValueComparison.compare("10", "9")).as("numeral strings on both sides").isPositive();
        assertThat(ValueComparison.compare("10", new BigDecimal("9"))).isPositive();
        assertThat(ValueComparison.equal(3, new BigDecimal("3.0"))).isTrue();
        assertThat(ValueComparison.equal("3", new BigDecimal("3.00"))).isTrue();
        assertThat(ValueComparison.equal(2.5d, new BigDecimal("2.5"))).isTrue();
        assertThat(ValueComparison.equal("2e3", new BigDecimal("2000"))).isTrue();
        assertThat(ValueComparison.compare("-1.5", "-1")).isNegative();
    }

    @Test
    void datesCompareChronologicallyWhenBothSidesAreDates() {
        LocalDate birth = LocalDate.parse("1990-05-01");
        assertThat(ValueComparison.compare(birth, "1990-04-30")).isPositive();
        assertThat(ValueComparison.compare("2024-02-01", "2024-10-01")).isNegative();
        Instant signedUp = Instant.parse("2024-01-01T18:30:00Z");
        assertThat(ValueComparison.compare(signedUp, "2024-01-01T18:29:59Z")).isPositive();
        assertThat(ValueComparison.compare(signedUp, "2024-01-01T20:30:00+02:00")).isZero();
        assertThat(ValueComparison.compare(signedUp, "2024-01-01")).as("an instant against a date compares its UTC day").isZero();
        assertThat(ValueComparison.compare(signedUp, "2024-01-02")).isNegative();
        assertThat(ValueComparison.compare(signedUp, LocalDate.parse("2023-12-31"))).isPositive();
    }

    @Test
    void everythingElseComparesAsTextCaseSensitively() {
        assertThat(ValueComparison.compare("Berlin", "Bonn")).isNegative();
        assertThat(ValueComparison.equal("berlin", "Berlin")).isFalse();
        assertThat(ValueComparison.equal(true, "true")).isTrue();
        assertThat(ValueComparison.equal(Boolean.FALSE, Boolean.FALSE)).isTrue();
        assertThat(ValueComparison.equal("01234", "1234")).as("leading zeros make text, as postcodes need").isFalse();
        assertThat(ValueComparison.compare("10", "9a")).as("one side is no number: text").isNegative();
        assertThat(ValueComparison.compare(LocalDate.parse("2024-01-01"), "soon")).as("one side is no date: text").isNegative();
        assertThat(ValueComparison.compare("2024-01-01T10:00", "2024-01-01T09:00"))
                .as("a date-time without offset is no date, but ISO text still sorts in time order").isPositive();
        assertThat(ValueComparison.compare(Double.NaN, new BigDecimal("1"))).as("NaN is no number").isPositive();
    }

    @Test
    void kindsOfSingleValues() {
        assertThat(ValueComparison.kindOf(new BigDecimal("1"))).isEqualTo(Kind.NUMBER);
        assertThat(ValueComparison.kindOf("-0.5e2")).isEqualTo(Kind.NUMBER);
        assertThat(ValueComparison.kindOf("2024-02-29")).isEqualTo(Kind.DATE);
        assertThat(ValueComparison.kindOf("2023-02-29")).as("no such day").isEqualTo(Kind.TEXT);
        assertThat(ValueComparison.kindOf("2024-02-29T00:00:00Z")).isEqualTo(Kind.DATE);
        assertThat(ValueComparison.kindOf("007")).isEqualTo(Kind.TEXT);
        assertThat(ValueComparison.kindOf(true)).isEqualTo(Kind.TEXT);
    }

    @Test
    void theOrderDoesNotDependOnWhichSideIsTheLiteral() {
        Object[] values = {"10", "9", 10L, new BigDecimal("9.5"), "2024-01-01", LocalDate.parse("2024-01-02"),
                Instant.parse("2024-01-01T12:00:00Z"), "Berlin", "", true, "true", 1.5d};
        for (Object a : values) {
            for (Object b : values) {
                assertThat(ValueComparison.compare(a, b)).as("%s vs %s", a, b).isEqualTo(-ValueComparison.compare(b, a));
            }
        }
    }
}
