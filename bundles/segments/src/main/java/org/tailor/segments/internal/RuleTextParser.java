package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.tailor.segments.internal.LocatedJson.Position;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.AllTime;
import org.tailor.segments.internal.Rule.AnniversaryCondition;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.AttributeCondition;
import org.tailor.segments.internal.Rule.Between;
import org.tailor.segments.internal.Rule.BoughtCondition;
import org.tailor.segments.internal.Rule.ClusterCondition;
import org.tailor.segments.internal.Rule.ConsentCondition;
import org.tailor.segments.internal.Rule.ConsentState;
import org.tailor.segments.internal.Rule.Count;
import org.tailor.segments.internal.Rule.DateCondition;
import org.tailor.segments.internal.Rule.DaysAgo;
import org.tailor.segments.internal.Rule.Direction;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.EventSpec;
import org.tailor.segments.internal.Rule.LastDays;
import org.tailor.segments.internal.Rule.LifecycleCondition;
import org.tailor.segments.internal.Rule.Measure;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.PropertyFilter;
import org.tailor.segments.internal.Rule.PurchaseCondition;
import org.tailor.segments.internal.Rule.PurchaseField;
import org.tailor.segments.internal.Rule.ScoreCondition;
import org.tailor.segments.internal.Rule.SegmentCondition;
import org.tailor.segments.internal.Rule.SequenceCondition;
import org.tailor.segments.internal.Rule.Sum;
import org.tailor.segments.internal.Rule.Window;
import org.tailor.segments.internal.TextToken.Kind;

/**
 * Reads the text syntax (grammar in the segment guide) into a {@link Rule}, and
 * {@code lifecycle.seg} into a {@link Lifecycle}, by recursive descent with one token of
 * lookahead (two after a name, to tell {@code in [..]} from {@code in last}; five after an
 * event, to tell {@code between 2 and 5 times} from {@code between 31 and 90 days ago}). Errors
 * name the line and column of the token where reading stopped.
 */
final class RuleTextParser {

    /** Words that begin a construct where a condition is expected; anything else there is a name. */
    private static final Set<String> STARTERS = Set.of("not", "event", "no", "bought", "segment", "purchase", "birthday",
            "anniversary", "score", "cluster", "consent", "lifecycle");

    private final TextCursor cursor;
    private final RuleBudget budget;

    private RuleTextParser(String file, List<TextToken> tokens) {
        this.cursor = new TextCursor(file, tokens);
        this.budget = new RuleBudget(file);
    }

    /** Parses one rule, the whole text. */
    static Rule parseRule(String file, String text) throws SegmentFileException {
        RuleTextParser parser = new RuleTextParser(file, TextLexer.tokens(file, text));
        return parser.parseChecked();
    }

    /** Parses a {@code .seg} file: optional {@code name "…"} and {@code description "…"}, then the rule. */
    static RuleParser.ParsedSegment parseSegment(String file, String id, String text) throws SegmentFileException {
        RuleTextParser parser = new RuleTextParser(file, TextLexer.tokens(file, text));
        String name = parser.header("name");
        String description = parser.header("description");
        if (parser.cursor.peek().kind() == Kind.END) {
            throw parser.cursor.error(parser.cursor.peek(), "the file has no rule; write one such as: country in [\"DE\", \"AT\"]");
        }
        Rule rule = parser.parseChecked();
        return new RuleParser.ParsedSegment(new Segment(id, name.isBlank() ? id : name, description, rule), new Position(1, 1));
    }

    /** Parses {@code lifecycle.seg}: one or more {@code stage name: rule}, in priority order. */
    static Lifecycle.Parsed parseLifecycle(String file, String text) throws SegmentFileException {
        return new RuleTextParser(file, TextLexer.tokens(file, text)).lifecycle();
    }

    private Lifecycle.Parsed lifecycle() throws SegmentFileException {
        if (cursor.peek().kind() == Kind.END) {
            throw cursor.error(cursor.peek(), "the file has no stages; write one such as: stage active: event order within 90 days");
        }
        List<Lifecycle.Stage> stages = new ArrayList<>();
        List<Position> positions = new ArrayList<>();
        Map<String, Position> seen = new HashMap<>();
        while (cursor.peek().kind() != Kind.END) {
            TextToken start = cursor.next();
            if (!start.isWord("stage")) {
                throw cursor.error(start, "expected 'stage' (as in: stage active: event order within 90 days), found " + start.describe());
            }
            TextToken nameToken = cursor.next();
            if (nameToken.kind() != Kind.WORD) {
                throw cursor.error(nameToken, "expected a stage name after 'stage', found " + nameToken.describe());
            }
            String name = nameToken.text();
            Optional<String> problem = Lifecycle.problemWithName(name);
            if (problem.isPresent()) {
                throw cursor.error(nameToken, problem.get());
            }
            Position first = seen.putIfAbsent(name, nameToken.position());
            if (first != null) {
                throw cursor.error(nameToken, "stage '" + name + "' is already defined at " + first);
            }
            cursor.expectPunctuation(":", "after the stage name (as in: stage active: event order within 90 days)");
            Rule rule = rule();
            TextToken after = cursor.peek();
            if (after.kind() != Kind.END && !after.isWord("stage")) {
                throw cursor.error(after, "expected 'and', 'or', the next 'stage' or the end of the file, found " + after.describe());
            }
            budget.check(rule);
            stages.add(new Lifecycle.Stage(name, rule));
            positions.add(start.position());
        }
        return new Lifecycle.Parsed(new Lifecycle(stages), positions);
    }

    private String header(String word) throws SegmentFileException {
        if (!cursor.peek().isWord(word) || cursor.peekAt(1).kind() != Kind.STRING) {
            return "";
        }
        cursor.next();
        return cursor.next().text();
    }

    private void expectEnd() throws SegmentFileException {
        TextToken token = cursor.peek();
        if (token.kind() != Kind.END) {
            throw cursor.error(token, "expected 'and', 'or' or the end of the rule, found " + token.describe());
        }
    }

    /** Parentheses and 'not' deeper than this stop the parser before its stack does. */
    private static final int MAX_NESTING = 200;
    private int nesting;

    /** The rule up to the end of the text, within the size limits. */
    private Rule parseChecked() throws SegmentFileException {
        Rule rule = rule();
        expectEnd();
        budget.check(rule);
        return rule;
    }

    // rule := and ('or' and)*
    private Rule rule() throws SegmentFileException {
        TextToken start = cursor.peek();
        List<Rule> operands = new ArrayList<>();
        operands.add(conjunction());
        while (cursor.peek().isWord("or")) {
            cursor.next();
            operands.add(conjunction());
        }
        return operands.size() == 1 ? operands.get(0) : budget.at(new Any(operands), start.position(), "");
    }

    // and := unary ('and' unary)*
    private Rule conjunction() throws SegmentFileException {
        TextToken start = cursor.peek();
        List<Rule> operands = new ArrayList<>();
        operands.add(unary());
        while (cursor.peek().isWord("and")) {
            cursor.next();
            operands.add(unary());
        }
        return operands.size() == 1 ? operands.get(0) : budget.at(new All(operands), start.position(), "");
    }

    // unary := 'not' unary | primary
    private Rule unary() throws SegmentFileException {
        TextToken token = cursor.peek();
        if (++nesting > MAX_NESTING) {
            throw cursor.error(token, "nested more than " + MAX_NESTING + " levels deep");
        }
        try {
            if (token.isWord("not")) {
                cursor.next();
                return budget.at(new Not(unary()), token.position(), "");
            }
            return primary();
        } finally {
            nesting--;
        }
    }

    private Rule primary() throws SegmentFileException {
        TextToken token = cursor.peek();
        if (token.isPunctuation("(")) {
            cursor.next();
            Rule inner = rule();
            cursor.expectPunctuation(")", "to close the '(' at " + token.position());
            return inner;
        }
        if ((token.isWord("all") || token.isWord("any")) && cursor.peekAt(1).isPunctuation("(")) {
            cursor.next();
            cursor.next();
            List<Rule> operands = new ArrayList<>();
            if (!cursor.peek().isPunctuation(")")) {
                operands.add(rule());
                while (cursor.peek().isPunctuation(",")) {
                    cursor.next();
                    operands.add(rule());
                }
            }
            cursor.expectPunctuation(")", "to close " + token.text() + "(");
            return budget.at(token.isWord("all") ? new All(operands) : new Any(operands), token.position(), "");
        }
        return budget.at(condition(token), token.position(), "");
    }

    private Rule condition(TextToken token) throws SegmentFileException {
        if (token.kind() == Kind.WORD && STARTERS.contains(token.text())) {
            cursor.next();
            switch (token.text()) {
                case "event":
                    return event(token, false);
                case "no":
                    cursor.expectWord("event", "after 'no'");
                    return event(token, true);
                case "bought":
                    return bought();
                case "segment":
                    return segment();
                case "purchase":
                    return purchase();
                case "birthday":
                    return new AnniversaryCondition("birth_date", nextDays());
                case "anniversary":
                    cursor.expectWord("of", "after 'anniversary'");
                    String attribute = cursor.name("an attribute name");
                    return new AnniversaryCondition(attribute, nextDays());
                case "score":
                    return score();
                case "cluster":
                    return new ClusterCondition(names("cluster", "\"Power buyers\"",
                            n -> n.isBlank() ? Optional.of("a cluster name must not be blank") : Optional.empty()));
                case "consent":
                    return consent();
                case "lifecycle":
                    return new LifecycleCondition(names("lifecycle", "\"at_risk\"", Lifecycle::problemWithStage));
                default:
                    throw new AssertionError(token);
            }
        }
        if (token.kind() != Kind.WORD && token.kind() != Kind.STRING) {
            throw cursor.error(token, "expected a condition (an attribute name, 'event', 'no event', 'bought', 'purchase', "
                    + "'segment', 'score', 'cluster', 'consent', 'lifecycle', 'birthday', 'anniversary', 'not' or '('), found "
                    + token.describe());
        }
        String attribute = cursor.name("an attribute name");
        if (cursor.peek().isWord("in") && (cursor.peekAt(1).isWord("last") || cursor.peekAt(1).isWord("next"))) {
            cursor.next();
            Direction direction = cursor.next().isWord("last") ? Direction.LAST : Direction.NEXT;
            int days = cursor.wholeNumber(0, Rule.MAX_DAYS, "a number of days from 0 to " + Rule.MAX_DAYS);
            cursor.expectWord("days", "after the number of days");
            return new DateCondition(attribute, direction, days);
        }
        Comparison c = comparison("after the attribute name");
        return new AttributeCondition(attribute, c.op(), c.value());
    }

    private record Comparison(Operator op, Object value) {
    }

    private Comparison comparison(String where) throws SegmentFileException {
        TextToken token = cursor.next();
        Operator op;
        Object value;
        if (token.kind() == Kind.PUNCTUATION && List.of("=", "!=", ">", ">=", "<", "<=").contains(token.text())) {
            op = switch (token.text()) {
                case "=" -> Operator.EQ;
                case "!=" -> Operator.NE;
                case ">" -> Operator.GT;
                case ">=" -> Operator.GTE;
                case "<" -> Operator.LT;
                default -> Operator.LTE;
            };
            value = scalar();
        } else if (token.isWord("in")) {
            op = Operator.IN;
            value = list();
        } else if (token.isWord("not")) {
            cursor.expectWord("in", "after 'not' in a comparison");
            op = Operator.NOT_IN;
            value = list();
        } else if (token.isWord("between")) {
            op = Operator.BETWEEN;
            Object low = scalar();
            cursor.expectWord("and", "between the low and high values");
            value = List.of(low, scalar());
        } else if (token.isWord("contains")) {
            op = Operator.CONTAINS;
            value = scalar();
        } else if (token.isWord("starts")) {
            cursor.expectWord("with", "after 'starts'");
            op = Operator.STARTS_WITH;
            value = scalar();
        } else if (token.isWord("exists")) {
            op = Operator.EXISTS;
            value = null;
        } else {
            throw cursor.error(token, "expected a comparison (=, !=, >, >=, <, <=, in, not in, between, contains, starts with, "
                    + "exists) " + where + ", found " + token.describe());
        }
        Optional<String> problem = op.problemWith(value);
        if (problem.isPresent()) {
            throw cursor.error(token, problem.get().replace("'value'", "value").replace("op '", "'"));
        }
        return new Comparison(op, value);
    }

    private Object scalar() throws SegmentFileException {
        TextToken token = cursor.next();
        switch (token.kind()) {
            case STRING:
                return token.text();
            case NUMBER:
                return new BigDecimal(token.text());
            case WORD:
                if (token.isWord("true") || token.isWord("false")) {
                    return Boolean.valueOf(token.text());
                }
                break;
            default:
                break;
        }
        throw cursor.error(token, "expected a value (a \"string\", a number, true or false), found " + token.describe());
    }

    private List<Object> list() throws SegmentFileException {
        TextToken open = cursor.peek();
        if (!open.isPunctuation("[")) {
            throw cursor.error(open, "expected a list like [\"DE\", \"AT\"], found " + open.describe());
        }
        cursor.next();
        List<Object> values = new ArrayList<>();
        if (!cursor.peek().isPunctuation("]")) {
            values.add(scalar());
            while (cursor.peek().isPunctuation(",")) {
                cursor.next();
                values.add(scalar());
            }
        }
        cursor.expectPunctuation("]", "to close the list");
        return values;
    }

    private Rule event(TextToken start, boolean none) throws SegmentFileException {
        EventSpec first = spec();
        Optional<Measure> measure = none ? Optional.of(new Count(0, OptionalInt.of(0))) : measure();
        Window window = window();
        if (!cursor.peek().isWord("then")) {
            return new EventCondition(first.event(), first.where(), measure.orElse(new Count(1, OptionalInt.empty())), window);
        }
        TextToken then = cursor.next();
        if (none || measure.isPresent()) {
            throw cursor.error(then, "the first event of a sequence takes no count or sum; write: event A then [no] event B within N hours");
        }
        boolean absent = cursor.peek().isWord("no");
        if (absent) {
            cursor.next();
        }
        cursor.expectWord("event", "after 'then'");
        EventSpec second = spec();
        cursor.expectWord("within", "after the second event of a sequence (as in: within 4 hours)");
        int hours = cursor.wholeNumber(1, Rule.MAX_HOURS, "a number of hours from 1 to " + Rule.MAX_HOURS);
        cursor.expectWord("hours", "after the number of hours");
        return new SequenceCondition(first, window, absent, second, hours);
    }

    private EventSpec spec() throws SegmentFileException {
        TextToken type = cursor.next();
        if (type.kind() != Kind.WORD || !Rule.EVENT_TYPE.matcher(type.text()).matches()) {
            throw cursor.error(type, "expected an event type of lower-case letters, digits and _ such as product_viewed, found "
                    + type.describe());
        }
        List<PropertyFilter> where = new ArrayList<>();
        if (cursor.peek().isWord("where")) {
            cursor.next();
            if (cursor.peek().isPunctuation("(")) {
                TextToken open = cursor.next();
                where.add(filter());
                while (cursor.peek().isWord("and")) {
                    cursor.next();
                    where.add(filter());
                }
                cursor.expectPunctuation(")", "to close the filters opened at " + open.position());
            } else {
                where.add(filter());
            }
        }
        return new EventSpec(type.text(), where);
    }

    private PropertyFilter filter() throws SegmentFileException {
        String property = cursor.name("a property name");
        Comparison c = comparison("after the property name");
        return new PropertyFilter(property, c.op(), c.value());
    }

    private Optional<Measure> measure() throws SegmentFileException {
        TextToken token = cursor.peek();
        if (token.isWord("sum")) {
            cursor.next();
            String property = cursor.name("the property to sum");
            cursor.expectPunctuation(">=", "after the property to sum (a sum is compared with >=)");
            TextToken number = cursor.next();
            if (number.kind() != Kind.NUMBER) {
                throw cursor.error(number, "expected a number, found " + number.describe());
            }
            return Optional.of(new Sum(property, new BigDecimal(number.text())));
        }
        if (token.isWord("between") && !cursor.peekAt(4).isWord("days")) {
            cursor.next();
            int least = cursor.wholeNumber(0, Integer.MAX_VALUE, "a count, 0 or more");
            cursor.expectWord("and", "between the low and high counts");
            TextToken highToken = cursor.peek();
            int most = cursor.wholeNumber(0, Integer.MAX_VALUE, "a count, 0 or more");
            times();
            if (most < least) {
                throw cursor.error(highToken, "the high count (" + most + ") must not be less than the low count (" + least + ")");
            }
            return Optional.of(new Count(least, OptionalInt.of(most)));
        }
        if (token.kind() != Kind.PUNCTUATION || !List.of("=", ">", ">=", "<", "<=").contains(token.text())) {
            return Optional.empty();
        }
        cursor.next();
        TextToken numberToken = cursor.peek();
        int n = cursor.wholeNumber(0, Integer.MAX_VALUE, "a count, 0 or more");
        times();
        switch (token.text()) {
            case "=":
                return Optional.of(new Count(n, OptionalInt.of(n)));
            case ">=":
                return Optional.of(new Count(n, OptionalInt.empty()));
            case ">":
                if (n == Integer.MAX_VALUE) {
                    throw cursor.error(numberToken, "no count is more than " + n);
                }
                return Optional.of(new Count(n + 1, OptionalInt.empty()));
            case "<=":
                return Optional.of(new Count(0, OptionalInt.of(n)));
            default:
                if (n == 0) {
                    throw cursor.error(numberToken, "no count is less than 0");
                }
                return Optional.of(new Count(0, OptionalInt.of(n - 1)));
        }
    }

    private void times() throws SegmentFileException {
        cursor.expectWord("times", "after the count (as in: >= 3 times)");
    }

    private Window window() throws SegmentFileException {
        TextToken token = cursor.peek();
        if (token.isWord("within") && cursor.peekAt(2).isWord("days")) {
            cursor.next();
            int days = cursor.wholeNumber(1, Rule.MAX_DAYS, "a number of days from 1 to " + Rule.MAX_DAYS);
            cursor.next();
            return new LastDays(days);
        }
        if (token.isWord("between")) {
            cursor.next();
            String days = "a number of days from 1 to " + Rule.MAX_DAYS;
            int from = cursor.wholeNumber(1, Rule.MAX_DAYS, days);
            cursor.expectWord("and", "between the numbers of days");
            TextToken toToken = cursor.peek();
            int to = cursor.wholeNumber(1, Rule.MAX_DAYS, days);
            cursor.expectWord("days", "after the number of days (as in: between 31 and 90 days ago)");
            cursor.expectWord("ago", "after 'days' (as in: between 31 and 90 days ago)");
            if (from > to) {
                throw cursor.error(toToken, "the nearer day comes first: between " + to + " and " + from + " days ago");
            }
            return new DaysAgo(from, to);
        }
        if (token.isWord("from")) {
            cursor.next();
            TextToken fromToken = cursor.peek();
            Object from = date();
            cursor.expectWord("to", "after the first date");
            Object to = date();
            try {
                return new Between(from, to);
            } catch (IllegalArgumentException e) {
                throw cursor.error(fromToken, "the window's start must not be after its end");
            }
        }
        return new AllTime();
    }

    private Object date() throws SegmentFileException {
        TextToken token = cursor.next();
        if (token.kind() == Kind.STRING) {
            String s = token.text();
            try {
                return s.length() == 10 ? LocalDate.parse(s) : OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeException e) {
                // reported below
            }
        }
        throw cursor.error(token, "expected a date \"2024-05-01\" or a time \"2024-05-01T10:00:00Z\", found " + token.describe());
    }

    private Rule bought() throws SegmentFileException {
        cursor.expectWord("category", "after 'bought'");
        List<String> categories = names("bought category", "\"outdoor\"", c -> c.isBlank() || c.contains(",")
                ? Optional.of("a category is a non-empty name without ',', got " + TextLiterals.quote(c)) : Optional.empty());
        return new BoughtCondition(categories, window());
    }

    /**
     * {@code = "name"} or {@code in ["name", …]}: one or more names in quotes, each of which
     * {@code problemWith} accepts.
     */
    private List<String> names(String after, String example, Function<String, Optional<String>> problemWith)
            throws SegmentFileException {
        TextToken op = cursor.next();
        if (op.isPunctuation("=")) {
            return List.of(quotedName(example, problemWith));
        }
        if (!op.isWord("in")) {
            throw cursor.error(op, "expected '=' or 'in' after '" + after + "', found " + op.describe());
        }
        cursor.expectPunctuation("[", "after 'in' (as in: in [" + example + "])");
        if (cursor.peek().isPunctuation("]")) {
            throw cursor.error(cursor.peek(), "name at least one, as in: in [" + example + "]");
        }
        List<String> names = new ArrayList<>();
        names.add(quotedName(example, problemWith));
        while (cursor.peek().isPunctuation(",")) {
            cursor.next();
            names.add(quotedName(example, problemWith));
        }
        cursor.expectPunctuation("]", "to close the list");
        return names;
    }

    private String quotedName(String example, Function<String, Optional<String>> problemWith) throws SegmentFileException {
        TextToken token = cursor.next();
        if (token.kind() != Kind.STRING) {
            throw cursor.error(token, "expected a name in quotes, like " + example + ", found " + token.describe());
        }
        Optional<String> problem = problemWith.apply(token.text());
        if (problem.isPresent()) {
            throw cursor.error(token, problem.get());
        }
        return token.text();
    }

    private Rule score() throws SegmentFileException {
        TextToken token = cursor.next();
        if (token.kind() != Kind.WORD && token.kind() != Kind.STRING) {
            throw cursor.error(token, "expected a score name after 'score', found " + token.describe()
                    + " (an attribute called score is written \"score\")");
        }
        if (!Rule.SCORE.matcher(token.text()).matches()) {
            throw cursor.error(token, "a score name is 1 to 128 lower-case letters, digits, _ and ., got " + TextLiterals.quote(token.text()));
        }
        Comparison c = comparison("after the score name");
        return new ScoreCondition(token.text(), c.op(), c.value());
    }

    private Rule consent() throws SegmentFileException {
        TextToken token = cursor.next();
        if ((token.kind() != Kind.WORD && token.kind() != Kind.STRING) || !Rule.PURPOSE.matcher(token.text()).matches()) {
            throw cursor.error(token, "expected a consent purpose of lower-case letters, digits and _, such as email_marketing, found "
                    + token.describe());
        }
        TextToken op = cursor.next();
        List<ConsentState> states = new ArrayList<>();
        if (op.isWord("is")) {
            states.add(consentState());
        } else if (op.isWord("in")) {
            cursor.expectPunctuation("[", "after 'in' (as in: in [withdrawn, denied])");
            states.add(consentState());
            while (cursor.peek().isPunctuation(",")) {
                cursor.next();
                states.add(consentState());
            }
            cursor.expectPunctuation("]", "to close the list");
        } else {
            throw cursor.error(op, "expected 'is' or 'in' after the purpose (as in: consent email_marketing is granted), found "
                    + op.describe());
        }
        return new ConsentCondition(token.text(), states);
    }

    private ConsentState consentState() throws SegmentFileException {
        TextToken token = cursor.next();
        Optional<ConsentState> state = token.kind() == Kind.WORD ? ConsentState.of(token.text()) : Optional.empty();
        if (state.isEmpty()) {
            throw cursor.error(token, "expected a consent status (" + String.join(", ", ConsentState.WORDS) + "), found "
                    + token.describe() + (token.kind() == Kind.WORD ? " " + Suggestions.hint(token.text(), ConsentState.WORDS) : ""));
        }
        return state.get();
    }

    private Rule segment() throws SegmentFileException {
        TextToken token = cursor.next();
        if (token.kind() != Kind.STRING || !Segment.ID.matcher(token.text()).matches()) {
            throw cursor.error(token, "expected a segment id in quotes, like \"vip-customers\", found " + token.describe());
        }
        if (token.text().equals(SegmentGraph.LIFECYCLE)) {
            throw cursor.error(token, "no segment is called \"lifecycle\"; to test the lifecycle stage write: lifecycle = \"active\"");
        }
        return new SegmentCondition(token.text());
    }

    private Rule purchase() throws SegmentFileException {
        TextToken token = cursor.next();
        Optional<PurchaseField> field = token.kind() == Kind.WORD ? PurchaseField.of(token.text()) : Optional.empty();
        if (field.isEmpty()) {
            throw cursor.error(token, "expected one of " + String.join(", ", PurchaseField.NAMES) + " after 'purchase', found "
                    + token.describe() + " " + Suggestions.hint(token.text(), PurchaseField.NAMES));
        }
        Comparison c = comparison("after the purchase figure");
        return new PurchaseCondition(field.get(), c.op(), c.value());
    }

    private int nextDays() throws SegmentFileException {
        cursor.expectWord("in", "(as in: in next 7 days)");
        cursor.expectWord("next", "(as in: in next 7 days)");
        int days = cursor.wholeNumber(0, 366, "a number of days from 0 to 366");
        cursor.expectWord("days", "after the number of days");
        return days;
    }
}
