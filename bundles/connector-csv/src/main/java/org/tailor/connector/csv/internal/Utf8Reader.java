package org.tailor.connector.csv.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 strictly and drops a leading byte order mark (Excel's "CSV UTF-8" writes one).
 * Unlike {@link java.io.InputStreamReader}, which fails a whole buffer at once, it hands out every
 * character before a bad byte first and fails only on reaching it, so the error can be pinned to
 * the record it is in and the records before it are still read.
 */
final class Utf8Reader extends Reader {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private final CharBuffer chars = CharBuffer.allocate(8192).flip();
    private boolean endOfInput;
    private boolean flushed;
    private boolean started;
    private CoderResult error;

    Utf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (error != null) {
                error.throwException();
            }
            if (flushed) {
                return -1;
            }
            decodeMore();
        }
        int n = Math.min(length, chars.remaining());
        chars.get(buffer, offset, n);
        return n;
    }

    private void decodeMore() throws IOException {
        chars.clear();
        try {
            // Fewer than 4 bytes left may be the start of a character split across reads.
            if (!endOfInput && bytes.remaining() < 4) {
                fill();
            }
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                error = result;
            } else if (endOfInput && result.isUnderflow()) {
                flushed = decoder.flush(chars).isUnderflow();
            }
        } finally {
            chars.flip();
        }
        if (!started && chars.hasRemaining()) {
            started = true;
            if (chars.get(chars.position()) == BYTE_ORDER_MARK) {
                chars.get();
            }
        }
    }

    private void fill() throws IOException {
        bytes.compact();
        try {
            int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            if (n < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + n);
            }
        } finally {
            bytes.flip();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
