package org.tailor.connector.collector.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Event ids derived from the source and the client's {@code messageId}: a client that retries a
 * request sends the same messageId, so the event is stored once. Hashed so the id has a fixed,
 * short length whatever the client sent; each part is length-prefixed so no two (source,
 * messageId) pairs share an input.
 */
final class EventIds {

    private EventIds() {
    }

    static String of(String source, String messageId) {
        String input = source.length() + ":" + source + "\n" + messageId.length() + ":" + messageId;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return "segment:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
