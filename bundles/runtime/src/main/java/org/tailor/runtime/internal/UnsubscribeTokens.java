package org.tailor.runtime.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks unsubscribe tokens: {@code base64url(payload) "." base64url(HMAC-SHA256(payload))}.
 * The link must work without a login, so the signature is what stops anyone from unsubscribing
 * someone else by editing a profile id in a URL.
 *
 * <p>Thread safe.
 */
final class UnsubscribeTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 32;
    private static final byte FORMAT = 1;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    UnsubscribeTokens(byte[] key) {
        if (key.length < KEY_BYTES) {
            throw new IllegalArgumentException("an unsubscribe key needs at least " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /**
     * Reads the key from the file, creating it with fresh random bytes on first use. There is no
     * built-in key: a default would let anyone forge tokens for every installation.
     *
     * @throws IllegalStateException if the file exists but is not a key, or cannot be read or written
     */
    static UnsubscribeTokens fromKeyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] key;
            try {
                key = DECODER.decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("unsubscribe key file " + file + " is not URL-safe Base64; "
                        + "delete it to generate a new key (links already sent stop working)", e);
            }
            if (key.length < KEY_BYTES) {
                throw new IllegalStateException("unsubscribe key file " + file + " holds " + key.length
                        + " bytes, at least " + KEY_BYTES + " are needed");
            }
            return new UnsubscribeTokens(key);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create unsubscribe key file " + file + ": " + e, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".unsubscribe-key", ".tmp");
        try {
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temp, ENCODER.encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            try {
                // A plain rename would replace a key that another instance created meanwhile.
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException e) {
                return;
            } catch (UnsupportedOperationException | IOException e) {
                if (Files.exists(file)) {
                    return;
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A token for this payload; URL-safe, no padding. */
    String sign(UnsubscribeToken token) {
        byte[] payload = encode(token);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The payload if the token is well-formed and was signed with this key; otherwise empty. */
    Optional<UnsubscribeToken> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(payload), signature)) {
                return Optional.empty();
            }
            return Optional.of(decode(payload));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] encode(UnsubscribeToken token) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(token.profileId());
            out.writeUTF(token.purpose());
            out.writeUTF(token.campaignId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static UnsubscribeToken decode(byte[] payload) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readByte() != FORMAT) {
                throw new IOException("unknown token format");
            }
            UnsubscribeToken token = new UnsubscribeToken(in.readUTF(), in.readUTF(), in.readUTF());
            if (in.available() > 0) {
                throw new IOException("trailing bytes");
            }
            return token;
        }
    }
}
