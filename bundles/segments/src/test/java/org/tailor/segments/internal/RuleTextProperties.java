package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the text syntax over seeded random rules (see {@link RandomRules} and
 * {@link RuleProperties#forAllSeeds}): printing then parsing gives the same rule, printing is
 * a fixed point of parse-then-print, JSON and text agree, and mangled text is a load error,
 * never another exception.
 */
class RuleTextProperties {

    static Rule parse(String text) {
        try {
            return RuleTextParser.parseRule("random.seg", text);
        } catch (SegmentFileException e) {
            throw new AssertionError(e.getMessage() + " in\n" + text, e);
        }
    }

    @Test
    void printThenParseGivesTheSameRule() {
        RuleProperties.forAllSeeds(random -> {
            Rule rule = random.rule(4);
            String printed = RuleTextPrinter.print(rule);
            assertThat(parse(printed)).as(printed).isEqualTo(rule);
        });
    }

    @Test
    void printingNormalizesOnce() {
        RuleProperties.forAllSeeds(random -> {
            String printed = RuleTextPrinter.print(random.rule(4));
            assertThat(RuleTextPrinter.print(parse(printed))).isEqualTo(printed);
        });
    }

    @Test
    void printThenParseGivesTheSameSegmentFile() {
        RuleProperties.forAllSeeds(random -> {
            Segment segment = new Segment(random.segmentId(), "n" + random.text(), random.text(), random.rule(3));
            String printed = RuleTextPrinter.print(segment);
            try {
                assertThat(RuleTextParser.parseSegment("random.seg", segment.id(), printed).segment()).as(printed).isEqualTo(segment);
            } catch (SegmentFileException e) {
                throw new AssertionError(e.getMessage() + " in\n" + printed, e);
            }
        });
    }

    @Test
    void textAndJsonDescribeTheSameRule() {
        RuleProperties.forAllSeeds(random -> {
            Rule rule = random.rule(4);
            String json = RulePrinter.print(rule);
            try {
                Rule fromJson = RuleParser.parseRule("random.json", json);
                assertThat(RuleTextPrinter.print(fromJson)).isEqualTo(RuleTextPrinter.print(rule));
                assertThat(parse(RuleTextPrinter.print(fromJson))).isEqualTo(rule);
            } catch (SegmentFileException e) {
                throw new AssertionError(e.getMessage() + " in\n" + json, e);
            }
        });
    }

    @Test
    void mangledTextIsALoadErrorOrARule() {
        RuleProperties.forAllSeeds(random -> {
            String printed = RuleTextPrinter.print(random.rule(3));
            Random edits = new Random(random.seed);
            StringBuilder mangled = new StringBuilder(printed);
            int n = 1 + edits.nextInt(3);
            for (int i = 0; i < n && mangled.length() > 0; i++) {
                int at = edits.nextInt(mangled.length());
                switch (edits.nextInt(3)) {
                    case 0 -> mangled.deleteCharAt(at);
                    case 1 -> mangled.insert(at, "()[],=<>!\"#\\ -.0aZ_".charAt(edits.nextInt(19)));
                    default -> mangled.insert(at, " and ");
                }
            }
            try {
                RuleTextParser.parseRule("mangled.seg", mangled.toString());
            } catch (SegmentFileException expected) {
                assertThat(expected.getMessage()).startsWith("mangled.seg:").doesNotContain("\n");
            }
        });
    }
}
