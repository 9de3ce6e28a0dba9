package org.tailor.segments.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.tailor.segments.internal.Rule.AnniversaryCondition;
import org.tailor.segments.internal.Rule.DateCondition;

/**
 * Conditions on dates relative to today in the profile's time zone. The attribute may hold a
 * date, an instant (its day in that zone) or ISO-8601 text of either; anything else, or no
 * value, makes the condition false.
 */
final class DateEvaluation {

    private DateEvaluation() {
    }

    /** The value's calendar day in the profile's zone, or empty. */
    static Optional<LocalDate> dayOf(Object value, EvaluationContext context) {
        Optional<Object> date = value == null ? Optional.empty() : ValueComparison.asDate(value);
        try {
            return date.map(d -> d instanceof LocalDate day ? day : LocalDate.ofInstant((Instant) d, context.zone()));
        } catch (DateTimeException e) {
            // An instant beyond the calendar's years: no day, so the condition is false rather than the campaign failed.
            return Optional.empty();
        }
    }

    static boolean test(DateCondition c, EvaluationContext context) {
        return dayOf(AttributeEvaluation.valueOf(context.profile(), c.attribute()), context)
                .map(day -> inWindow(c, day, context.today())).orElse(false);
    }

    private static boolean inWindow(DateCondition c, LocalDate day, LocalDate today) {
        return c.direction() == Rule.Direction.LAST
                ? !day.isAfter(today) && !day.isBefore(today.minusDays(c.days()))
                : !day.isBefore(today) && !day.isAfter(today.plusDays(c.days()));
    }

    static Trace explain(DateCondition c, EvaluationContext context) {
        Object value = AttributeEvaluation.valueOf(context.profile(), c.attribute());
        Optional<LocalDate> day = dayOf(value, context);
        LocalDate today = context.today();
        String detail = day.map(d -> c.attribute() + " is " + d + ", today is " + today + " in " + context.zoneNote()
                        + " (" + distance(today, d) + ")")
                .orElse(c.attribute() + " is " + TextLiterals.value(value) + (value == null ? "" : ", not a date"));
        return Trace.leaf(RuleTextPrinter.condition(c), detail, test(c, context));
    }

    /** The next recurrence of the day's month and day on or after today, if it is an anniversary (after the day itself). */
    static Optional<LocalDate> nextAnniversary(LocalDate day, LocalDate today) {
        MonthDay monthDay = MonthDay.from(day);
        // MonthDay.atYear moves the 29th of February to the 28th in years without it.
        LocalDate next = monthDay.atYear(today.getYear());
        if (next.isBefore(today)) {
            next = monthDay.atYear(today.getYear() + 1);
        }
        return next.isAfter(day) ? Optional.of(next) : Optional.empty();
    }

    static boolean test(AnniversaryCondition c, EvaluationContext context) {
        LocalDate today = context.today();
        return dayOf(AttributeEvaluation.valueOf(context.profile(), c.attribute()), context)
                .flatMap(day -> nextAnniversary(day, today))
                .map(next -> !next.isAfter(today.plusDays(c.days()))).orElse(false);
    }

    static Trace explain(AnniversaryCondition c, EvaluationContext context) {
        Object value = AttributeEvaluation.valueOf(context.profile(), c.attribute());
        Optional<LocalDate> day = dayOf(value, context);
        LocalDate today = context.today();
        String detail;
        if (day.isEmpty()) {
            detail = c.attribute() + " is " + TextLiterals.value(value) + (value == null ? "" : ", not a date");
        } else {
            Optional<LocalDate> next = nextAnniversary(day.get(), today);
            detail = c.attribute() + " is " + day.get() + ", today is " + today + " in " + context.zoneNote() + ", "
                    + next.map(n -> "next anniversary " + n + " (" + distance(today, n) + "), needed within " + c.days() + " days")
                            .orElse("no anniversary yet");
        }
        return Trace.leaf(RuleTextPrinter.condition(c), detail, test(c, context));
    }

    private static String distance(LocalDate today, LocalDate day) {
        long days = ChronoUnit.DAYS.between(today, day);
        return days == 0 ? "today" : days > 0 ? "in " + days + " days" : -days + " days ago";
    }
}
