package org.tailor.connector.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextLinesTest {

    static List<TextLines.Line> read(String text, int maxChars) throws Exception {
        List<TextLines.Line> lines = new ArrayList<>();
        try (TextLines reader = new TextLines(new StringReader(text), maxChars)) {
            for (TextLines.Line line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void splitsOnLfAndCrlfAndKeepsALastLineWithoutBreak() throws Exception {
        assertThat(read("a\r\nb\n\nc\rd\ne", 100)).containsExactly(new TextLines.Line(1, "a"), new TextLines.Line(2, "b"),
                new TextLines.Line(3, ""), new TextLines.Line(4, "c\rd"), new TextLines.Line(5, "e"));
        assertThat(read("", 100)).isEmpty();
        assertThat(read("a\n", 100)).containsExactly(new TextLines.Line(1, "a"));
    }

    @Test
    void aLineOverTheCapIsReportedWithoutItsTextAndTheNextOneIsRead() throws Exception {
        String longLine = "x".repeat(20_000);
        assertThat(read("12345\n123456\n" + longLine + "\nok", 5)).containsExactly(new TextLines.Line(1, "12345"),
                new TextLines.Line(2, null), new TextLines.Line(3, null), new TextLines.Line(4, "ok"));
    }
}
