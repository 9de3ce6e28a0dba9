package org.tailor.connector.csv.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads text one line at a time (LF or CRLF), numbering the lines, with a cap on a line's length:
 * the text of a longer line is dropped as it is read, never held, and the line reported as too long.
 */
final class TextLines implements Closeable {

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private long number;

    TextLines(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The number of the line {@link #next} reads next. */
    long nextNumber() {
        return number + 1;
    }

    /** The next line, or null at the end of the text. */
    Line next() throws IOException {
        StringBuilder text = new StringBuilder();
        boolean tooLong = false;
        boolean readAny = false;
        while (true) {
            if (position == limit) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    if (!readAny) {
                        return null;
                    }
                    break;
                }
                position = 0;
                limit = n;
            }
            readAny = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (!tooLong) {
                if (text.length() + position - start > maxChars) {
                    tooLong = true;
                    text = new StringBuilder();
                } else {
                    text.append(buffer, start, position - start);
                }
            }
            if (position < limit) {
                position++;
                break;
            }
        }
        number++;
        if (tooLong) {
            return new Line(number, null);
        }
        if (!text.isEmpty() && text.charAt(text.length() - 1) == '\r') {
            text.setLength(text.length() - 1);
        }
        return new Line(number, text.toString());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * One line.
     *
     * @param text the line without its line break, or null if it was longer than the cap
     */
    record Line(long number, String text) {
    }
}
