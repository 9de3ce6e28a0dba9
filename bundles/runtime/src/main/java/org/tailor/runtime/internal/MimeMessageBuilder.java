package org.tailor.runtime.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import org.tailor.api.consent.UnsubscribeLinks;
import org.tailor.api.model.RenderedMessage;

/**
 * Turns a rendered message into complete RFC 5322 bytes: a multipart/alternative with a text
 * and an HTML part, and the one-click unsubscribe headers of RFC 2369 and RFC 8058.
 *
 * <p>Thread safe: every call builds its own message on a shared, stateless session.
 */
final class MimeMessageBuilder {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    /**
     * What the message needs besides its content.
     *
     * @param unsubscribe the recipient's links for the List-Unsubscribe headers; empty for a
     *                    transactional message the person asked for, such as a confirmation
     */
    record Envelope(String campaignId, String fromAddress, String idempotencyKey,
                    Optional<UnsubscribeLinks> unsubscribe, Instant date) {
    }

    private final Session session;
    private final ClassLoader mailImplementationLoader;

    private MimeMessageBuilder(Session session, ClassLoader mailImplementationLoader) {
        this.session = session;
        this.mailImplementationLoader = mailImplementationLoader;
    }

    /**
     * Creates a builder.
     *
     * @throws IllegalStateException if Jakarta Mail finds no implementation (its StreamProvider,
     *     from angus-mail, is looked up through ServiceLoader; in Karaf that needs SPI Fly)
     */
    static MimeMessageBuilder create() {
        try {
            return new MimeMessageBuilder(Session.getInstance(new Properties()),
                    StreamProvider.provider().getClass().getClassLoader());
        } catch (IllegalStateException | java.util.ServiceConfigurationError e) {
            throw new IllegalStateException("Jakarta Mail has no implementation (" + e.getMessage() + "): install "
                    + "org.eclipse.angus:angus-mail and the OSGi Service Loader Mediator (Apache Aries SPI Fly) "
                    + "so that jakarta.mail can find its StreamProvider", e);
        }
    }

    /**
     * Builds the message bytes.
     *
     * @throws AddressException if the recipient or sender address is not a valid address
     * @throws MessagingException if the message cannot be built
     */
    byte[] build(RenderedMessage content, Envelope envelope) throws MessagingException {
        // Jakarta Activation finds the multipart and text handlers through the mailcap file of
        // the mail implementation, looked up with the context class loader; in OSGi that must be
        // the implementation's own loader, reached here through the StreamProvider it registered.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(mailImplementationLoader);
        try {
            return write(content, envelope);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private byte[] write(RenderedMessage content, Envelope envelope) throws MessagingException {
        MimeMessage message = new FixedIdMessage(session, "<" + envelope.idempotencyKey() + "@tailor>");
        message.setFrom(sender(envelope.fromAddress()));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(content.recipient(), true));
        message.setSubject(content.subject(), UTF_8);
        message.setSentDate(Date.from(envelope.date()));
        if (envelope.unsubscribe().isPresent()) {
            UnsubscribeLinks links = envelope.unsubscribe().get();
            String listUnsubscribe = "<" + links.oneClickUrl().toASCIIString() + ">, <"
                    + links.mailto().toASCIIString() + ">";
            message.setHeader("List-Unsubscribe", MimeUtility.fold("List-Unsubscribe: ".length(), listUnsubscribe));
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.setHeader("X-Tailor-Campaign", envelope.campaignId());

        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(part(content.text(), "plain"));
        alternative.addBodyPart(part(content.html(), "html"));
        message.setContent(alternative);
        message.saveChanges();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            message.writeTo(bytes);
        } catch (IOException e) {
            throw new MessagingException("cannot write message: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static InternetAddress sender(String from) throws AddressException {
        InternetAddress address = new InternetAddress(from, true);
        String personal = address.getPersonal();
        if (personal != null) {
            try {
                // Parsed display names are kept raw; re-setting encodes non-ASCII as an RFC 2047 word.
                address.setPersonal(personal, UTF_8);
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return address;
    }

    private static MimeBodyPart part(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, UTF_8, subtype);
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    /** Keeps the Message-ID derived from the idempotency key instead of a random one. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
