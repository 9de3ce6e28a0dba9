package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.SocketTimeoutException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** How failures are read, with the exceptions Angus Mail throws built as it builds them. */
class SmtpFailureTest {

    private static SmtpFailure rcpt(int code, String reply) throws Exception {
        SMTPAddressFailedException address = new SMTPAddressFailedException(
                new InternetAddress("bob@example.org"), "RCPT TO:<bob@example.org>", code, reply);
        return SmtpFailure.ofSend(new SendFailedException("Invalid Addresses", address, new Address[0],
                new Address[0], new Address[] {address.getAddress()}));
    }

    private static SmtpFailure command(String command, int code, String reply) {
        return SmtpFailure.ofSend(new SMTPSendFailedException(command, code, reply, null, null, null, null));
    }

    @Test
    void mailboxUnknownRepliesAreHardBounces() throws Exception {
        for (String reply : new String[] {
            "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown",
            "550-5.1.1 The email account that you tried to reach does not exist.\n550 5.1.1 https://support",
            "551 5.1.6 user has moved",
            "553 5.1.3 bad recipient address syntax",
            "550 5.1.10 recipient address has null MX",
            "550 5.1.2 host unknown"}) {
            assertThat(rcpt(Integer.parseInt(reply.substring(0, 3)), reply))
                    .as(reply).extracting(SmtpFailure::permanent, SmtpFailure::hardBounce).containsExactly(true, true);
        }
    }

    @Test
    void otherPermanentRepliesAreNotHardBounces() throws Exception {
        for (String reply : new String[] {
            "550 5.7.1 relaying denied",
            "550 user unknown",
            "552 5.2.2 mailbox full",
            "554 5.1.1 odd but not 550/551/553",
            "550 5.1.7 bad sender mailbox syntax",
            "550 5.1.8 bad sender system address",
            "550 5.1.11 not a listed recipient detail"}) {
            SmtpFailure failure = rcpt(Integer.parseInt(reply.substring(0, 3)), reply);
            assertThat(failure.permanent()).as(reply).isTrue();
            assertThat(failure.hardBounce()).as(reply).isFalse();
        }
    }

    @Test
    void aSenderRefusalNeverSuppressesTheRecipient() {
        SmtpFailure failure = command("MAIL FROM:<news@example.com>", 550, "550 5.1.1 sender unknown");
        assertThat(failure.permanent()).isTrue();
        assertThat(failure.hardBounce()).isFalse();
    }

    @Test
    void aMailboxUnknownReplyToTheDataCounts() {
        assertThat(command(".", 550, "550 5.1.1 no such user").hardBounce()).isTrue();
    }

    @Test
    void fourHundredsAreRetriedAnd421ClosesTheSession() throws Exception {
        SmtpFailure greylisted = rcpt(451, "451 4.7.1 greylisted");
        assertThat(greylisted).extracting(SmtpFailure::permanent, SmtpFailure::retryable, SmtpFailure::connectionReusable)
                .containsExactly(false, true, true);
        SmtpFailure closing = command(".", 421, "421 4.3.2 shutting down");
        assertThat(closing).extracting(SmtpFailure::permanent, SmtpFailure::retryable, SmtpFailure::connectionReusable)
                .containsExactly(false, true, false);
    }

    @Test
    void aBrokenConnectionIsRetriedOnANewOne() {
        SmtpFailure failure = SmtpFailure.ofSend(new MessagingException("Exception reading response",
                new SocketTimeoutException("Read timed out")));
        assertThat(failure).extracting(SmtpFailure::permanent, SmtpFailure::retryable, SmtpFailure::connectionReusable,
                SmtpFailure::replyCode).containsExactly(false, true, false, 0);
        assertThat(failure.description()).contains("Read timed out");
    }

    @Test
    void failedAuthenticationIsTemporaryButNotRetried() {
        SmtpFailure failure = SmtpFailure.ofConnect(new AuthenticationFailedException("535 5.7.8 bad credentials"));
        assertThat(failure).extracting(SmtpFailure::permanent, SmtpFailure::retryable).containsExactly(false, false);
    }

    @Test
    void aBadGreetingIsRetried() {
        SmtpFailure failure = SmtpFailure.ofConnect(new MessagingException("Got bad greeting from SMTP host: "
                + "127.0.0.1, port: 25, response: 421 too busy"));
        assertThat(failure).extracting(SmtpFailure::permanent, SmtpFailure::retryable).containsExactly(false, true);
    }

    @Test
    void longMultiLineRepliesAreKeptOnOneClippedLine() throws Exception {
        String reply = "550-5.7.1 " + "x".repeat(600) + "\r\n550 5.7.1 end";
        String description = rcpt(550, reply).description();
        assertThat(description).doesNotContain("\n").hasSizeLessThanOrEqualTo(403).startsWith("550-5.7.1 xxx");
    }
}
