package org.tailor.segments.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** all, any and not over compiled conditions; all and any try their cheapest parts first. */
final class CompiledGroups {

    private CompiledGroups() {
    }

    static CompiledCondition all(List<CompiledCondition> parts) {
        return parts.isEmpty() ? CompiledCondition.TRUE : parts.size() == 1 ? parts.get(0) : new All(cheapestFirst(parts));
    }

    static CompiledCondition any(List<CompiledCondition> parts) {
        return parts.isEmpty() ? CompiledCondition.FALSE : parts.size() == 1 ? parts.get(0) : new Any(cheapestFirst(parts));
    }

    static CompiledCondition not(CompiledCondition part) {
        return new Not(part);
    }

    private static CompiledCondition[] cheapestFirst(List<CompiledCondition> parts) {
        CompiledCondition[] sorted = parts.toArray(new CompiledCondition[0]);
        Arrays.sort(sorted, Comparator.comparingInt(CompiledCondition::cost));
        return sorted;
    }

    private static int total(CompiledCondition[] parts) {
        int cost = 0;
        for (CompiledCondition part : parts) {
            cost += part.cost();
        }
        return cost;
    }

    private static final class All implements CompiledCondition {
        private final CompiledCondition[] parts;
        private final int cost;

        All(CompiledCondition[] parts) {
            this.parts = parts;
            this.cost = total(parts);
        }

        @Override
        public boolean test(int row, Evaluation evaluation) {
            for (CompiledCondition part : parts) {
                if (!part.test(row, evaluation)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int cost() {
            return cost;
        }
    }

    private static final class Any implements CompiledCondition {
        private final CompiledCondition[] parts;
        private final int cost;

        Any(CompiledCondition[] parts) {
            this.parts = parts;
            this.cost = total(parts);
        }

        @Override
        public boolean test(int row, Evaluation evaluation) {
            for (CompiledCondition part : parts) {
                if (part.test(row, evaluation)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int cost() {
            return cost;
        }
    }

    private static final class Not implements CompiledCondition {
        private final CompiledCondition part;

        Not(CompiledCondition part) {
            this.part = part;
        }

        @Override
        public boolean test(int row, Evaluation evaluation) {
            return !part.test(row, evaluation);
        }

        @Override
        public int cost() {
            return part.cost();
        }
    }
}
