package org.tailor.connector.jdbc.internal;

import java.util.Optional;

/**
 * How far the pull has come: the (timestamp, id) key of the last row handed to ingest. Rows are read
 * in key order, so every row after it is new. Stored as one text value, so that saving it is atomic.
 */
record Watermark(TimeKey time, IdKey id) {

    private static final String VERSION = "v1";

    String encode() {
        return VERSION + ";" + time.encode() + ";" + id.encode();
    }

    /**
     * @throws IllegalStateException naming the stored text if it cannot be read, so that an admin can remove it
     */
    static Optional<Watermark> decode(Optional<String> stored) {
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        String text = stored.get();
        // The id comes last and is split off whole, so it may contain the separator.
        String[] parts = text.split(";", 6);
        try {
            if (parts.length != 6 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown format");
            }
            return Optional.of(new Watermark(TimeKey.decode(parts[1], parts[2]), IdKey.decode(parts[3], parts[4], parts[5])));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the stored watermark '" + text + "' cannot be read (" + e.getMessage()
                    + "); remove it to import the table from the start", e);
        }
    }

    @Override
    public String toString() {
        return "(" + time + ", " + id + ")";
    }
}
