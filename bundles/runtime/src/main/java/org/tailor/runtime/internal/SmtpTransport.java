package org.tailor.runtime.internal;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.consent.SuppressionList;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.Transport;
import org.tailor.api.delivery.TransportException;
import org.tailor.api.model.SuppressionReason;

/**
 * Relays outbox messages to an SMTP server, byte for byte as stored, over pooled sessions that
 * are reused between messages. {@link #deliver} returns only after the server answered 250 to the
 * end of the data, so an entry is never marked sent unless the server took it. A temporary failure
 * (a 4xx reply, a broken or timed-out connection) is retried with exponential backoff and then
 * reported as temporary, which leaves the entry in the outbox; a 5xx reply is reported as
 * permanent with the server's words, and one that says the mailbox does not exist also puts the
 * address on the suppression list.
 *
 * <p>The one window for a duplicate is SMTP's own: the connection breaks after the server took the
 * message but before its 250 arrived. The message keeps its Message-ID, so receivers can tell.
 *
 * <p>Requires its configuration: without {@code etc/org.tailor.transport.smtp.cfg} (or a factory
 * configuration {@code org.tailor.transport.smtp-NAME.cfg}, whose {@code tailor.transport} may
 * name it differently) there is no SMTP transport.
 */
@Component(service = Transport.class, configurationPid = "org.tailor.transport.smtp",
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = Transport.NAME_PROPERTY + "=smtp")
@Designate(ocd = SmtpTransportConfig.class)
public class SmtpTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpTransport.class);
    private static final String ACTOR = "smtp-transport";

    private final SmtpConnector connector;
    private final SmtpConnectionPool pool;
    private final SendRateLimiter rateLimiter;
    private final RetryBackoff backoff;
    private final int retries;
    private final Sleeper sleeper;
    private final ScheduledExecutorService writeTimeouts;
    private final String server;
    private final AtomicReference<SuppressionList> suppressions = new AtomicReference<>();

    @Activate
    public SmtpTransport(SmtpTransportConfig config) {
        this(config, null, System::nanoTime, Sleeper.THREAD);
    }

    /**
     * @param tlsSockets the factory for TLS sockets, or null for the JVM's default and its trust store
     * @param ticker nanoseconds for the rate limits and idle checks, like {@link System#nanoTime}
     * @param sleeper waits for the rate limits and between retries
     * @throws IllegalArgumentException if the configuration is not usable; the message names the setting
     */
    SmtpTransport(SmtpTransportConfig config, SSLSocketFactory tlsSockets, LongSupplier ticker, Sleeper sleeper) {
        SmtpConnector.Settings settings = settings(config);
        this.server = settings.host() + ":" + settings.port();
        this.retries = config.retries();
        this.backoff = new RetryBackoff(config.retry_initial_backoff_ms(), config.retry_max_backoff_ms());
        this.sleeper = sleeper;
        this.rateLimiter = new SendRateLimiter(config.rate_per_second(), config.rate_per_minute(), ticker, sleeper);
        this.writeTimeouts = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tailor-smtp-write-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        try {
            this.connector = new SmtpConnector(settings, tlsSockets, writeTimeouts);
        } catch (IllegalStateException | java.util.ServiceConfigurationError e) {
            writeTimeouts.shutdownNow();
            throw new IllegalStateException("Jakarta Mail has no implementation (" + e.getMessage() + "): install "
                    + "org.eclipse.angus:angus-mail and Apache Aries SPI Fly", e);
        }
        this.pool = new SmtpConnectionPool(connector::open, config.concurrency(), config.max_messages_per_connection(),
                ticker);
        LOG.info("SMTP transport to {} ready: tls {}, {} connection(s), {} retries, rate limit {}/s and {}/min", server,
                settings.tls().configName(), config.concurrency(), retries, limit(config.rate_per_second()),
                limit(config.rate_per_minute()));
    }

    private static SmtpConnector.Settings settings(SmtpTransportConfig config) {
        String host = config.host() == null ? "" : config.host().strip();
        require(!host.isEmpty(), "host must not be blank");
        SmtpTlsMode tls = SmtpTlsMode.parse(config.tls_mode());
        int port = config.port() == 0 ? tls.defaultPort() : config.port();
        require(port > 0 && port <= 65535, "port must be between 1 and 65535, or 0 for the usual one");
        String username = config.username() == null ? "" : config.username().strip();
        require(username.isEmpty() || tls.alwaysEncrypted(), "username is set but tls.mode is " + tls.configName()
                + ": credentials are only sent with required-starttls or smtps, never where they could go in clear");
        require(config.connection_timeout_ms() > 0, "connection.timeout.ms must be positive");
        require(config.read_timeout_ms() > 0, "read.timeout.ms must be positive");
        require(config.concurrency() >= 1, "concurrency must be at least 1");
        require(config.max_messages_per_connection() >= 0, "max.messages.per.connection cannot be negative");
        require(config.rate_per_second() >= 0 && config.rate_per_minute() >= 0, "rates cannot be negative");
        require(config.retries() >= 0, "retries cannot be negative");
        require(config.retry_initial_backoff_ms() >= 0 && config.retry_max_backoff_ms() >= 0,
                "retry delays cannot be negative");
        return new SmtpConnector.Settings(host, port, tls, username, config._password() == null ? "" : config._password(),
                strip(config.envelope_from()), strip(config.helo_name()), config.connection_timeout_ms(),
                config.read_timeout_ms());
    }

    @Deactivate
    void close() {
        pool.close();
        writeTimeouts.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindSuppressions")
    void bindSuppressions(SuppressionList list) {
        suppressions.set(list);
    }

    void unbindSuppressions(SuppressionList list) {
        suppressions.compareAndSet(list, null);
    }

    /** Sessions opened so far; for tests and diagnostics. */
    long connectionsOpened() {
        return pool.opened();
    }

    @Override
    public void deliver(OutboxEntry entry) throws TransportException {
        InternetAddress recipient;
        RawMimeMessage message;
        try {
            recipient = new InternetAddress(entry.recipient(), true);
            message = new RawMimeMessage(connector.session(), entry.mime());
        } catch (AddressException e) {
            throw new TransportException("the recipient is not a valid address: " + e.getMessage(), true, e);
        } catch (MessagingException e) {
            throw new TransportException("the stored message cannot be read: " + e.getMessage(), true, e);
        }
        try {
            send(entry, message, recipient);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted before " + server + " accepted the message; it stays in the outbox",
                    false, e);
        }
    }

    private void send(OutboxEntry entry, RawMimeMessage message, InternetAddress recipient)
            throws TransportException, InterruptedException {
        SmtpFailure failure = null;
        int attempts = 0;
        while (attempts <= retries) {
            if (attempts > 0) {
                long delay = backoff.delayMillis(attempts);
                LOG.info("SMTP server {} failed temporarily for entry {} ({}); retry {} of {} in {} ms", server,
                        entry.idempotencyKey(), failure.description(), attempts, retries, delay);
                sleeper.sleep(TimeUnit.MILLISECONDS.toNanos(delay));
            }
            attempts++;
            failure = attempt(message, recipient);
            if (failure == null) {
                return;
            }
            if (failure.permanent()) {
                if (failure.hardBounce()) {
                    suppress(entry, failure);
                }
                throw new TransportException(server + " refused the message: " + failure.description(), true, null);
            }
            if (!failure.retryable()) {
                break;
            }
        }
        throw new TransportException(server + " failed temporarily after " + attempts + " attempt(s): "
                + failure.description() + "; the message stays in the outbox", false, null);
    }

    /** One SMTP transaction; null if the server accepted the message. */
    private SmtpFailure attempt(RawMimeMessage message, InternetAddress recipient) throws InterruptedException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Angus reads its resources (providers, mailcap) through the context loader; in OSGi that must be its own.
        thread.setContextClassLoader(SMTPTransport.class.getClassLoader());
        try {
            SmtpConnectionPool.Connection connection;
            try {
                connection = pool.borrow();
            } catch (MessagingException e) {
                return SmtpFailure.ofConnect(e);
            }
            try {
                // The token is taken with the session in hand, so the message goes out the moment it
                // is allowed: taken before waiting for a session, sends could bunch up past the limit.
                rateLimiter.acquire();
            } catch (InterruptedException e) {
                pool.giveBack(connection, true);
                throw e;
            }
            boolean reusable = false;
            try {
                connection.transport().sendMessage(message, new Address[] {recipient});
                connection.countMessage();
                reusable = true;
                return null;
            } catch (MessagingException e) {
                SmtpFailure failure = SmtpFailure.ofSend(e);
                // The NOOP only after a clean refusal: it costs a round trip, and after a broken or
                // timed-out exchange a late reply could be taken for the answer to the next command.
                reusable = failure.connectionReusable() && connection.transport().isConnected();
                return failure;
            } catch (IllegalStateException e) {
                // A session the server closed between messages ("Not connected").
                return new SmtpFailure(false, true, false, false, 0, "connection lost: " + e.getMessage());
            } finally {
                pool.giveBack(connection, reusable);
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void suppress(OutboxEntry entry, SmtpFailure failure) {
        SuppressionList list = suppressions.get();
        if (list == null) {
            LOG.warn("{} says the mailbox of profile {} does not exist (reply {}), but no suppression list is "
                    + "available: the address is not suppressed", server, entry.profileId(), failure.replyCode());
            return;
        }
        try {
            // The note is for admins and must never hold the address: the list keeps only its hash.
            list.add(entry.recipient(), SuppressionReason.HARD_BOUNCE,
                    "SMTP " + failure.replyCode() + " from " + server + " for campaign " + entry.campaignId(), ACTOR);
        } catch (RuntimeException e) {
            LOG.error("Suppressing the hard-bounced address of profile {} failed", entry.profileId(), e);
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("org.tailor.transport.smtp: " + problem);
        }
    }

    private static String limit(int rate) {
        return rate > 0 ? String.valueOf(rate) : "no limit";
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
