package org.tailor.consent.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Signs and reads link tokens: {@code base64url(payload) "." base64url(HMAC-SHA256(payload))}. The
 * links work without a login, so the signature is what stops anyone from confirming or unsubscribing
 * someone else by editing an id in a URL. Expiry is inside the signed payload; being used once is
 * the store's job ({@link org.tailor.api.store.UsedTokenStore}).
 *
 * <p>Thread safe.
 */
final class LinkTokens {

    private static final byte FORMAT = 1;
    private static final int ID_BYTES = 16;
    /** Far longer than any real token; a bound on work for garbage. */
    private static final int MAX_TOKEN_CHARS = 4096;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Hmac hmac;
    private final SecureRandom random = new SecureRandom();

    LinkTokens(Hmac hmac) {
        this.hmac = hmac;
    }

    /** A new token with a fresh random id. */
    String sign(LinkToken.Kind kind, String profileId, String purpose, String campaignId, Instant expiresAt) {
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        return sign(new LinkToken(kind, HexFormat.of().formatHex(id), profileId, purpose, campaignId, expiresAt));
    }

    String sign(LinkToken token) {
        byte[] payload = encode(token);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(hmac.sign(payload));
    }

    /** The token's content if it is well formed and signed with this key (expired or not); otherwise empty. */
    Optional<LinkToken> read(String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(hmac.sign(payload), signature)) {
                return Optional.empty();
            }
            return Optional.of(decode(payload));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] encode(LinkToken token) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeByte(token.kind().ordinal());
            out.writeUTF(token.id());
            out.writeUTF(token.profileId());
            out.writeUTF(token.purpose());
            out.writeUTF(token.campaignId());
            out.writeLong(token.expiresAt().getEpochSecond());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static LinkToken decode(byte[] payload) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readByte() != FORMAT) {
                throw new IOException("unknown token format");
            }
            int kind = in.readByte();
            if (kind < 0 || kind >= LinkToken.Kind.values().length) {
                throw new IOException("unknown token kind");
            }
            LinkToken token = new LinkToken(LinkToken.Kind.values()[kind], in.readUTF(), in.readUTF(), in.readUTF(),
                    in.readUTF(), Instant.ofEpochSecond(in.readLong()));
            if (in.available() > 0) {
                throw new IOException("trailing bytes");
            }
            return token;
        }
    }
}
