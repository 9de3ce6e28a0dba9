package org.tailor.connector.collector.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body within a byte limit, gunzipping it when the client says
 * {@code Content-Encoding: gzip}. The limit applies to the decompressed JSON, which is what the
 * spec's size limits measure, and is enforced while reading, so a small compressed body that
 * inflates to gigabytes (a zip bomb) stops at limit + 1 bytes.
 */
final class RequestBody {

    /** The body is larger than allowed. */
    static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message, null, false, false);
        }
    }

    /** The body cannot be decoded: an unknown content encoding or corrupt gzip data. */
    static final class UndecodableException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean unsupportedEncoding;

        UndecodableException(String message, boolean unsupportedEncoding) {
            super(message, null, false, false);
            this.unsupportedEncoding = unsupportedEncoding;
        }

        boolean unsupportedEncoding() {
            return unsupportedEncoding;
        }
    }

    static final String BATCH = "a batch";
    static final String SINGLE_CALL = "a single call";

    private RequestBody() {
    }

    /**
     * @param declaredLength the Content-Length header, or -1 when absent (chunked)
     * @param contentEncoding the Content-Encoding header, or null
     * @param limit the most bytes of JSON allowed
     * @param what the kind of request, for the error message: {@link #SINGLE_CALL} or {@link #BATCH}
     */
    static byte[] read(InputStream in, long declaredLength, String contentEncoding, int limit, String what)
            throws IOException, TooLargeException, UndecodableException {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        boolean gzip = encoding.equals("gzip") || encoding.equals("x-gzip");
        if (!gzip && !encoding.equals("identity") && !encoding.isEmpty()) {
            throw new UndecodableException("Content-Encoding " + Texts.excerpt(contentEncoding)
                    + " is not supported; send the JSON as is or gzipped", true);
        }
        if (declaredLength > limit) {
            throw tooLarge(declaredLength, limit, what, gzip);
        }
        if (!gzip) {
            return readAtMost(in, limit, what, false);
        }
        // Compressed data larger than the limit cannot hold JSON within it, short of padding tricks.
        byte[] compressed = readAtMost(in, limit, what, true);
        try (InputStream inflated = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed), 8192)) {
            return readAtMost(inflated, limit, what, true);
        } catch (ZipException | java.io.EOFException e) {
            throw new UndecodableException("the body is marked Content-Encoding: gzip but is not valid gzip data ("
                    + e.getMessage() + ")", false);
        }
    }

    private static byte[] readAtMost(InputStream in, int limit, String what, boolean gzip)
            throws IOException, TooLargeException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 16 * 1024));
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > limit) {
                throw tooLarge(-1, limit, what, gzip);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static TooLargeException tooLarge(long size, int limit, String what, boolean gzip) {
        String measured = size >= 0 ? " is " + size + " bytes;" : " is over the limit;";
        return new TooLargeException("the body of " + what + measured + " at most " + limit + " bytes"
                + (gzip ? " (after gunzip)" : "") + " are accepted; " + (what.equals(BATCH) ? "send fewer calls per batch"
                        : "send less data in one call"));
    }
}
