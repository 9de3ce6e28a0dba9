package org.tailor.runtime.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A stored RFC 5322 message handed to SMTP exactly as stored. The headers are parsed only so that
 * the SMTP client can read the From address for MAIL FROM; writing ignores the parsed form and
 * emits the original bytes, so that nothing is re-encoded, re-folded or re-ordered and a resend
 * after a crash is byte-identical. (SMTP's own dot-stuffing and line endings are applied by the
 * client's data stream, below this.)
 */
final class RawMimeMessage extends MimeMessage {

    private final byte[] original;

    /**
     * @throws MessagingException if the header block cannot be parsed
     */
    RawMimeMessage(Session session, byte[] original) throws MessagingException {
        super(session, new ByteArrayInputStream(original));
        this.original = original;
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreHeaders) throws IOException {
        // The ignore list (Bcc, Content-Length) is for messages the client assembled itself; ours are
        // finished, and a Bcc line in them would be a bug upstream, not something to hide here.
        out.write(original);
    }

    @Override
    protected void updateHeaders() {
        // Never touched: the stored message is final.
    }
}
