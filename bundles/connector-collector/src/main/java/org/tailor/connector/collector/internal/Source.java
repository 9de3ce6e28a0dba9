package org.tailor.connector.collector.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * One source of events (a website, an app, a server) and its write key. Only a SHA-256 digest of
 * the key is kept, so the key is not in a heap dump or a toString, and every comparison is
 * between two 32-byte digests: {@link MessageDigest#isEqual} then takes the same time whatever
 * the key, and the key's length does not show either.
 */
final class Source {

    private final String name;
    private final byte[] keyDigest;

    Source(String name, String writeKey) {
        this.name = Objects.requireNonNull(name, "name");
        if (writeKey == null || writeKey.isEmpty()) {
            throw new IllegalArgumentException("source " + name + " has no write key");
        }
        this.keyDigest = digest(writeKey);
    }

    String name() {
        return name;
    }

    /** Whether this is the source of a key given as its digest; constant time. */
    boolean matches(byte[] candidateDigest) {
        return MessageDigest.isEqual(keyDigest, candidateDigest);
    }

    static byte[] digest(String writeKey) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(writeKey.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "source " + name;
    }
}
