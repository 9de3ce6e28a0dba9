package org.tailor.connector.csv.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import org.junit.jupiter.api.Test;

class Utf8ReaderTest {

    @Test
    void decodesCharactersSplitAcrossBuffers() throws IOException {
        String text = "ä€😀中".repeat(5000);
        assertThat(readAll(new Utf8Reader(new ByteArrayInputStream(text.getBytes(UTF_8))))).isEqualTo(text);
    }

    @Test
    void dropsOnlyALeadingByteOrderMark() throws IOException {
        byte[] bytes = "\uFEFFa,\uFEFFb".getBytes(UTF_8);
        assertThat(readAll(new Utf8Reader(new ByteArrayInputStream(bytes)))).isEqualTo("a,\uFEFFb");
    }

    @Test
    void handsOutEverythingBeforeABadByteThenFails() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("good ".getBytes(UTF_8));
        bytes.write(0xE9); // é in ISO-8859-1
        bytes.write(" bad".getBytes(UTF_8));
        Reader reader = new Utf8Reader(new ByteArrayInputStream(bytes.toByteArray()));
        char[] buffer = new char[100];

        assertThat(new String(buffer, 0, reader.read(buffer, 0, 100))).isEqualTo("good ");
        assertThatThrownBy(() -> reader.read(buffer, 0, 100)).isInstanceOf(MalformedInputException.class);
    }

    @Test
    void aTruncatedCharacterAtTheEndIsAnError() {
        byte[] euro = "€".getBytes(UTF_8);
        Reader reader = new Utf8Reader(new ByteArrayInputStream(new byte[] {'x', euro[0], euro[1]}));
        assertThatThrownBy(() -> readAll(reader)).isInstanceOf(MalformedInputException.class);
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[777];
        for (int n; (n = reader.read(buffer, 0, buffer.length)) >= 0; ) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }
}
