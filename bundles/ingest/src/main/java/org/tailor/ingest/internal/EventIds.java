package org.tailor.ingest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.tailor.api.model.Identity;

/** Stable event ids, so that re-importing the same input stores nothing twice. */
final class EventIds {

    private EventIds() {
    }

    static String order(String orderId) {
        return "order:" + orderId;
    }

    /**
     * A SHA-256 over the event's content, for sources that give no event id. Every part is
     * length-prefixed so that no two different events can produce the same input to the hash.
     */
    static String contentHash(Identity identity, String type, Instant occurredAt, Map<String, Object> properties) {
        StringBuilder content = new StringBuilder();
        append(content, identity.toString());
        append(content, type);
        append(content, occurredAt.toString());
        new TreeMap<>(properties).forEach((name, value) -> {
            append(content, name);
            append(content, String.valueOf(value));
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void append(StringBuilder content, String part) {
        content.append(part.length()).append(':').append(part).append('\n');
    }
}
