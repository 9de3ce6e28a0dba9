package org.tailor.runtime.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Opens SMTP sessions as configured: TLS mode, timeouts, EHLO name, envelope sender, AUTH. The
 * Angus transports are created directly rather than looked up by protocol name, which in OSGi
 * would depend on the context class loader.
 *
 * <p>Thread safe: the session is shared read-only and every open makes its own transport.
 */
final class SmtpConnector {

    /**
     * Connection settings, already checked.
     *
     * @param username blank for no AUTH
     * @param envelopeFrom blank to use the message's From address
     * @param heloName blank to use this machine's name
     */
    record Settings(String host, int port, SmtpTlsMode tls, String username, String password,
                    String envelopeFrom, String heloName, int connectionTimeoutMs, int readTimeoutMs) {

        @Override
        public String toString() {
            // Records print every component; this one holds a password.
            return "Settings[host=" + host + ", port=" + port + ", tls=" + tls.configName() + ", username="
                    + username + ", password=" + (password.isEmpty() ? "" : "***") + "]";
        }
    }

    private final Settings settings;
    private final Session session;

    /**
     * @param tlsSockets the factory for TLS sockets, or null for the JVM's default (its trust store)
     * @param writeTimeouts runs the write timeouts of every session, so each does not start a thread
     */
    SmtpConnector(Settings settings, SSLSocketFactory tlsSockets, ScheduledExecutorService writeTimeouts) {
        this.settings = settings;
        Properties props = new Properties();
        // Angus reads mail.smtp.* for plain and STARTTLS sessions and mail.smtps.* for implicit TLS.
        for (String protocol : new String[] {"smtp", "smtps"}) {
            String p = "mail." + protocol + ".";
            props.setProperty(p + "connectiontimeout", String.valueOf(settings.connectionTimeoutMs()));
            props.setProperty(p + "timeout", String.valueOf(settings.readTimeoutMs()));
            props.setProperty(p + "writetimeout", String.valueOf(settings.readTimeoutMs()));
            props.put(p + "executor.writetimeout", writeTimeouts);
            props.setProperty(p + "starttls.enable", String.valueOf(settings.tls() == SmtpTlsMode.STARTTLS
                    || settings.tls() == SmtpTlsMode.REQUIRED_STARTTLS));
            props.setProperty(p + "starttls.required", String.valueOf(settings.tls() == SmtpTlsMode.REQUIRED_STARTTLS));
            props.setProperty(p + "ssl.checkserveridentity", "true");
            if (tlsSockets != null) {
                props.put(p + "ssl.socketFactory", tlsSockets);
            }
            props.setProperty(p + "auth", String.valueOf(!settings.username().isEmpty()));
            if (!settings.envelopeFrom().isEmpty()) {
                props.setProperty(p + "from", settings.envelopeFrom());
            }
            if (!settings.heloName().isEmpty()) {
                props.setProperty(p + "localhost", settings.heloName());
            }
        }
        this.session = Session.getInstance(props);
    }

    Session session() {
        return session;
    }

    /**
     * Opens, greets and (if configured) authenticates a new session.
     *
     * @throws MessagingException if any of that fails; the socket is then closed
     */
    SMTPTransport open() throws MessagingException {
        SMTPTransport transport = settings.tls() == SmtpTlsMode.SMTPS
                ? new SMTPSSLTransport(session, new URLName("smtps", settings.host(), settings.port(), null, null, null))
                : new SMTPTransport(session, new URLName("smtp", settings.host(), settings.port(), null, null, null));
        if (settings.username().isEmpty()) {
            transport.connect(settings.host(), settings.port(), null, null);
        } else {
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
        }
        return transport;
    }
}
