package org.tailor.segments.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.tailor.segments.internal.Rule.All;
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
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.EventSpec;
import org.tailor.segments.internal.Rule.LastDays;
import org.tailor.segments.internal.Rule.LifecycleCondition;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.PropertyFilter;
import org.tailor.segments.internal.Rule.PurchaseCondition;
import org.tailor.segments.internal.Rule.ScoreCondition;
import org.tailor.segments.internal.Rule.SegmentCondition;
import org.tailor.segments.internal.Rule.SequenceCondition;
import org.tailor.segments.internal.Rule.Sum;
import org.tailor.segments.internal.Rule.Window;

/**
 * Writes rules, segments and lifecycles back in the file format that {@link RuleParser} reads, so that
 * {@code parse(print(x))} equals {@code x}. Output is indented for people and spells out
 * {@code atLeast} even where it has its default.
 */
final class RulePrinter {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private RulePrinter() {
    }

    static String print(Rule rule) {
        return write(json -> rule(json, rule));
    }

    static String print(Segment segment) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("id", segment.id());
            json.writeStringField("name", segment.name());
            json.writeStringField("description", segment.description());
            json.writeFieldName("rule");
            rule(json, segment.rule());
            json.writeEndObject();
        });
    }

    /** A lifecycle as {@code lifecycle.json}. */
    static String print(Lifecycle lifecycle) {
        return write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("stages");
            for (Lifecycle.Stage stage : lifecycle.stages()) {
                json.writeStartObject();
                json.writeStringField("stage", stage.name());
                json.writeFieldName("rule");
                rule(json, stage.rule());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
        }
        return out.toString();
    }

    private static void rule(JsonGenerator json, Rule rule) throws IOException {
        json.writeStartObject();
        if (rule instanceof All all) {
            rules(json, "all", all.rules());
        } else if (rule instanceof Any any) {
            rules(json, "any", any.rules());
        } else if (rule instanceof Not not) {
            json.writeFieldName("not");
            rule(json, not.rule());
        } else if (rule instanceof AttributeCondition c) {
            json.writeStringField("attribute", c.attribute());
            comparison(json, c.op(), c.value());
        } else if (rule instanceof DateCondition c) {
            json.writeStringField("date", c.attribute());
            json.writeNumberField(c.direction() == Rule.Direction.LAST ? "withinLastDays" : "withinNextDays", c.days());
        } else if (rule instanceof AnniversaryCondition c) {
            json.writeStringField("anniversary", c.attribute());
            json.writeNumberField("withinNextDays", c.days());
        } else if (rule instanceof EventCondition c) {
            event(json, c);
        } else if (rule instanceof SequenceCondition c) {
            json.writeFieldName("sequence");
            spec(json, c.first());
            json.writeFieldName(c.absent() ? "thenNo" : "then");
            spec(json, c.then());
            json.writeNumberField("withinHours", c.withinHours());
            window(json, c.window());
        } else if (rule instanceof PurchaseCondition c) {
            json.writeStringField("purchase", c.field().attribute());
            comparison(json, c.op(), c.value());
        } else if (rule instanceof BoughtCondition c) {
            strings(json, "bought", c.categories());
            window(json, c.window());
        } else if (rule instanceof SegmentCondition c) {
            json.writeStringField("segment", c.segment());
        } else if (rule instanceof ScoreCondition c) {
            json.writeStringField("score", c.score());
            comparison(json, c.op(), c.value());
        } else if (rule instanceof ClusterCondition c) {
            strings(json, "cluster", c.clusters());
        } else if (rule instanceof ConsentCondition c) {
            json.writeStringField("consent", c.purpose());
            strings(json, "status", c.states().stream().map(ConsentState::word).toList());
        } else if (rule instanceof LifecycleCondition c) {
            strings(json, "lifecycle", c.stages());
        } else {
            throw new AssertionError(rule);
        }
        json.writeEndObject();
    }

    private static void rules(JsonGenerator json, String key, List<Rule> rules) throws IOException {
        json.writeArrayFieldStart(key);
        for (Rule r : rules) {
            rule(json, r);
        }
        json.writeEndArray();
    }

    private static void strings(JsonGenerator json, String key, List<String> values) throws IOException {
        json.writeArrayFieldStart(key);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void event(JsonGenerator json, EventCondition c) throws IOException {
        json.writeStringField("event", c.event());
        filters(json, c.where());
        if (c.measure() instanceof Sum sum) {
            json.writeObjectFieldStart("sum");
            json.writeStringField("property", sum.property());
            json.writeNumberField("atLeast", sum.atLeast());
            json.writeEndObject();
        } else {
            Count count = (Count) c.measure();
            // Always written, although it has a default: a reader should not need to know the default.
            json.writeNumberField("atLeast", count.atLeast());
            if (count.atMost().isPresent()) {
                json.writeNumberField("atMost", count.atMost().getAsInt());
            }
        }
        window(json, c.window());
    }

    private static void spec(JsonGenerator json, EventSpec spec) throws IOException {
        json.writeStartObject();
        json.writeStringField("event", spec.event());
        filters(json, spec.where());
        json.writeEndObject();
    }

    private static void filters(JsonGenerator json, List<PropertyFilter> where) throws IOException {
        if (where.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart("where");
        for (PropertyFilter f : where) {
            json.writeStartObject();
            json.writeStringField("property", f.property());
            comparison(json, f.op(), f.value());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void window(JsonGenerator json, Window window) throws IOException {
        if (window instanceof LastDays last) {
            json.writeNumberField("withinDays", last.days());
        } else if (window instanceof DaysAgo ago) {
            json.writeArrayFieldStart("daysAgo");
            json.writeNumber(ago.from());
            json.writeNumber(ago.to());
            json.writeEndArray();
        } else if (window instanceof Between between) {
            json.writeStringField("from", between.from().toString());
            json.writeStringField("to", between.to().toString());
        }
    }

    private static void comparison(JsonGenerator json, Operator op, Object value) throws IOException {
        json.writeStringField("op", op.jsonName());
        if (op.takesValue()) {
            json.writeFieldName("value");
            value(json, value);
        }
    }

    private static void value(JsonGenerator json, Object value) throws IOException {
        if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                value(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof BigDecimal d) {
            json.writeNumber(d);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else {
            throw new IllegalArgumentException("not a rule literal: " + value);
        }
    }
}
