package org.tailor.runtime.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Outbox idempotency keys: a fixed-length hash, so no personal data shows in file names or Message-IDs. */
final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** SHA-256 hex of the parts, which must not contain NUL (ids, versions and instants do not). */
    static String of(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // NUL as the separator keeps the split unambiguous.
            String joined = String.join("\0", parts);
            return HexFormat.of().formatHex(sha.digest(joined.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
