package org.tailor.connector.csv.internal;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops a single CSV record from growing without limit. Commons CSV keeps a quoted field in memory
 * until its closing quote, so one stray quote would otherwise pull the rest of a large file into
 * memory. The count restarts for every record; read-ahead makes it approximate, which is fine for a cap.
 */
final class RecordLengthGuard extends FilterReader {

    private final long maxChars;
    private long chars;

    RecordLengthGuard(Reader in, long maxChars) {
        super(in);
        this.maxChars = maxChars;
    }

    /** Called before each record is parsed. */
    void nextRecord() {
        chars = 0;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count(1);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws RecordTooLongException {
        chars += n;
        if (chars > maxChars) {
            throw new RecordTooLongException(maxChars);
        }
    }

    /** A record longer than the cap, almost always a quote that is never closed. */
    static final class RecordTooLongException extends IOException {

        private static final long serialVersionUID = 1L;

        RecordTooLongException(long maxChars) {
            super("a record is longer than " + maxChars + " characters, which usually means a quote is opened and"
                    + " never closed");
        }
    }
}
