package org.tailor.segments.internal;

/**
 * A date or anniversary condition compiled: the value's day in the profile's zone against today
 * there, as {@link DateEvaluation}; dates are parsed once per distinct value.
 */
final class DateCheck implements CompiledCondition {

    private final CodeColumn attribute;
    private final CodeColumn identity;
    private final Rule condition;

    DateCheck(Rule.DateCondition c, ProfileTable profiles) {
        this(c, c.attribute(), profiles);
    }

    DateCheck(Rule.AnniversaryCondition c, ProfileTable profiles) {
        this(c, c.attribute(), profiles);
    }

    private DateCheck(Rule condition, String name, ProfileTable profiles) {
        this.condition = condition;
        attribute = profiles.attribute(name);
        identity = profiles.identity(name);
    }

    @Override
    public boolean test(int row, Evaluation evaluation) {
        int code = attribute.codes[row];
        Object date = code != ValueDictionary.MISSING ? attribute.values.date(code)
                : identity.codes[row] != ValueDictionary.MISSING ? identity.values.date(identity.codes[row]) : null;
        if (date == null) {
            return false;
        }
        long day = evaluation.dayOf(date, row);
        if (day == Long.MIN_VALUE) {
            return false;
        }
        long today = evaluation.today(row);
        if (condition instanceof Rule.DateCondition c) {
            return c.direction() == Rule.Direction.LAST
                    ? day <= today && day >= today - c.days()
                    : day >= today && day <= today + c.days();
        }
        Rule.AnniversaryCondition c = (Rule.AnniversaryCondition) condition;
        return DateEvaluation.nextAnniversary(java.time.LocalDate.ofEpochDay(day), java.time.LocalDate.ofEpochDay(today))
                .map(next -> next.toEpochDay() <= today + c.days()).orElse(false);
    }

    @Override
    public int cost() {
        return 2;
    }
}
