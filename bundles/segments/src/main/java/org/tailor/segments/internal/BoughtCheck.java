package org.tailor.segments.internal;

import java.util.List;
import java.util.Set;

/**
 * A bought condition compiled: an {@code order} in the window whose {@code categories} list or
 * {@code category} names one of the categories, as {@link EventEvaluation#categoriesOf}, decided
 * once per distinct value of each property.
 */
final class BoughtCheck implements CompiledCondition {

    private final EventMatcher orders;
    private final CodeColumn lists;
    private final CodeColumn singles;
    private final CodeAnswers listNames;
    private final CodeAnswers singleNames;

    BoughtCheck(Rule.BoughtCondition c, EventTable events) {
        Set<String> wanted = Set.copyOf(c.categories());
        orders = new EventMatcher(events, EventEvaluation.ORDER, List.of(), c.window());
        lists = events.property("categories");
        singles = events.property("category");
        listNames = new CodeAnswers(false) {
            @Override
            boolean decide(int code) {
                for (String name : lists.values.value(code).toString().split(",")) {
                    if (wanted.contains(name.strip())) {
                        return true;
                    }
                }
                return false;
            }
        };
        singleNames = new CodeAnswers(false) {
            @Override
            boolean decide(int code) {
                String name = singles.values.value(code).toString();
                return !name.isBlank() && wanted.contains(name.strip());
            }
        };
    }

    @Override
    public boolean test(int row, Evaluation evaluation) {
        EventTable events = evaluation.events;
        long start = orders.start(evaluation.nowNanos);
        for (int slot = events.first(row); slot != EventTable.END; slot = events.next(row, slot)) {
            if (orders.matches(slot, start) && (listNames.test(lists.codes[slot]) || singleNames.test(singles.codes[slot]))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int cost() {
        return 10;
    }
}
