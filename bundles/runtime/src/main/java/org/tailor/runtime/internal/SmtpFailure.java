package org.tailor.runtime.internal;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * What one failed SMTP attempt means: whether trying again can help, whether it is worth trying
 * again at once, whether the recipient's mailbox does not exist, and whether the connection is
 * still in a known state.
 *
 * @param permanent a 5xx reply: the same message will be refused again
 * @param retryable worth another attempt within this delivery (4xx replies and broken connections)
 * @param hardBounce the server said the recipient's mailbox does not exist (550, 551 or 553 with an
 *                   enhanced status code 5.1.x that is about the recipient)
 * @param connectionReusable the server answered the command cleanly, so the session may carry the next
 *                           message once a NOOP confirms it is alive
 * @param replyCode the SMTP reply code, or 0 when there was none (a broken connection)
 * @param description for admins and the outbox: the server's reply, or what went wrong with the connection
 */
record SmtpFailure(boolean permanent, boolean retryable, boolean hardBounce, boolean connectionReusable,
                   int replyCode, String description) {

    /** Longest description kept; server replies can be long and multi-line. */
    private static final int MAX_DESCRIPTION = 400;

    /** RFC 3463 enhanced status code at the start of a reply line, after the basic code. */
    private static final Pattern ENHANCED = Pattern.compile("^\\d{3}[ -]([245])\\.(\\d{1,3})\\.(\\d{1,3})(?!\\d)");

    /**
     * X.1.Y subjects that say the recipient's address is bad (RFC 3463, 5.1.10 from RFC 7505);
     * 5.1.7 and 5.1.8 are about the sender and must not suppress the recipient.
     */
    private static final Set<Integer> RECIPIENT_ADDRESS_DETAILS = Set.of(0, 1, 2, 3, 6, 10);

    private static final Set<Integer> MAILBOX_UNAVAILABLE_CODES = Set.of(550, 551, 553);

    /** Classifies a failure while opening a connection: never about the message, so never permanent. */
    static SmtpFailure ofConnect(MessagingException e) {
        if (find(e, AuthenticationFailedException.class) != null) {
            // Wrong credentials stay wrong until an admin changes them: no point hammering the server.
            return new SmtpFailure(false, false, false, false, 0, "authentication failed: " + text(e));
        }
        return new SmtpFailure(false, true, false, false, 0, "cannot connect: " + text(e));
    }

    /** Classifies a failure while sending one message on an open connection. */
    static SmtpFailure ofSend(MessagingException e) {
        SMTPAddressFailedException address = find(e, SMTPAddressFailedException.class);
        if (address != null) {
            return ofReply(address.getReturnCode(), address.getMessage(), true);
        }
        SMTPSenderFailedException sender = find(e, SMTPSenderFailedException.class);
        if (sender != null) {
            return ofReply(sender.getReturnCode(), sender.getMessage(), false);
        }
        SMTPSendFailedException send = find(e, SMTPSendFailedException.class);
        if (send != null) {
            String command = send.getCommand() == null ? "" : send.getCommand().toUpperCase(Locale.ROOT);
            return ofReply(send.getReturnCode(), send.getMessage(), !command.startsWith("MAIL"));
        }
        // No reply to go by: the connection broke, timed out, or the client gave up. Whether the server
        // kept the message is unknown, so the connection is dropped and the message is tried again.
        String what = find(e, IOException.class) != null ? "connection failed: " : "send failed: ";
        return new SmtpFailure(false, true, false, false, 0, what + text(e));
    }

    /**
     * @param aboutRecipient the reply answered RCPT TO or the message data, not MAIL FROM
     */
    static SmtpFailure ofReply(int code, String reply, boolean aboutRecipient) {
        String description = clip(reply == null || reply.isBlank() ? String.valueOf(code) : oneLine(reply));
        if (code >= 500 && code <= 599) {
            boolean hardBounce = aboutRecipient && MAILBOX_UNAVAILABLE_CODES.contains(code) && mailboxUnknown(reply);
            return new SmtpFailure(true, false, hardBounce, true, code, description);
        }
        // 421 means the server is closing the session; other 4xx leave it usable.
        return new SmtpFailure(false, true, false, code != 421, code, description);
    }

    private static boolean mailboxUnknown(String reply) {
        if (reply == null) {
            return false;
        }
        for (String line : reply.strip().split("\r?\n")) {
            Matcher m = ENHANCED.matcher(line.strip());
            if (m.find() && m.group(1).equals("5") && m.group(2).equals("1")
                    && RECIPIENT_ADDRESS_DETAILS.contains(Integer.parseInt(m.group(3)))) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        Set<Throwable> seen = new HashSet<>();
        Throwable current = e;
        while (current != null && seen.add(current)) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            // Jakarta Mail chains with getNextException, which getCause also returns for MessagingException.
            current = current.getCause();
        }
        return null;
    }

    private static String text(Throwable e) {
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : oneLine(t.getMessage());
            if (out.indexOf(message) < 0) {
                out.append(out.isEmpty() ? "" : ": ").append(message);
            }
        }
        return clip(out.toString());
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\r?\n\\s*", " / ");
    }

    private static String clip(String s) {
        return s.length() <= MAX_DESCRIPTION ? s : s.substring(0, MAX_DESCRIPTION) + "...";
    }
}
