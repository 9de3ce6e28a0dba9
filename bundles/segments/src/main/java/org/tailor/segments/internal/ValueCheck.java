package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One operator and literal of a rule, decided once per distinct value of a column from the value
 * as the dictionary parsed it. Gives exactly {@link Operator#test}: numbers, then dates, then text.
 */
final class ValueCheck extends CodeAnswers {

    private final Operator op;
    private final Object literal;
    private final ValueDictionary values;
    /** The literal parsed (one element, two for between, several for in/notIn). */
    private final Object[] literals;
    private final BigDecimal[] literalNumbers;
    private final Object[] literalDates;
    private final String[] literalTexts;

    ValueCheck(Operator op, Object literal, ValueDictionary values) {
        super(op.test(literal, null));
        this.op = op;
        this.literal = literal;
        this.values = values;
        List<?> list = literal instanceof List<?> l ? l : literal == null ? List.of() : List.of(literal);
        literals = list.toArray();
        literalNumbers = new BigDecimal[literals.length];
        literalDates = new Object[literals.length];
        literalTexts = new String[literals.length];
        for (int i = 0; i < literals.length; i++) {
            literalNumbers[i] = ValueComparison.asNumber(literals[i]).orElse(null);
            literalDates[i] = ValueComparison.asDate(literals[i]).orElse(null);
            literalTexts[i] = ValueComparison.text(literals[i]);
        }
    }

    @Override
    boolean decide(int code) {
        switch (op) {
            case EXISTS:
                return true;
            case EQ:
                return compare(code, 0) == 0;
            case NE:
                return compare(code, 0) != 0;
            case IN:
                return anyEqual(code);
            case NOT_IN:
                return !anyEqual(code);
            case GT:
                return compare(code, 0) > 0;
            case GTE:
                return compare(code, 0) >= 0;
            case LT:
                return compare(code, 0) < 0;
            case LTE:
                return compare(code, 0) <= 0;
            case BETWEEN:
                return compare(code, 0) >= 0 && compare(code, 1) <= 0;
            default:
                // contains and startsWith read text only: nothing to parse.
                return op.test(literal, values.value(code));
        }
    }

    private boolean anyEqual(int code) {
        for (int i = 0; i < literals.length; i++) {
            if (compare(code, i) == 0) {
                return true;
            }
        }
        return false;
    }

    /** {@link ValueComparison#compare} of the value with literal {@code i}, from the parsed forms. */
    private int compare(int code, int i) {
        BigDecimal number = values.number(code);
        if (number != null && literalNumbers[i] != null) {
            return Integer.signum(number.compareTo(literalNumbers[i]));
        }
        Object date = values.date(code);
        if (date != null && literalDates[i] != null) {
            return compareDates(date, literalDates[i]);
        }
        return Integer.signum(ValueComparison.text(values.value(code)).compareTo(literalTexts[i]));
    }

    private static int compareDates(Object a, Object e) {
        if (a instanceof Instant ai && e instanceof Instant ei) {
            return Integer.signum(ai.compareTo(ei));
        }
        return Integer.signum(day(a).compareTo(day(e)));
    }

    private static LocalDate day(Object date) {
        return date instanceof LocalDate d ? d : LocalDate.ofInstant((Instant) date, ZoneOffset.UTC);
    }
}
