package org.tailor.runtime.internal;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Open SMTP sessions kept between messages. At most {@code concurrency} are lent out at once (a
 * caller waits for one to come back); an idle one is lent again, newest first, and a session that
 * has carried {@code maxMessages} messages is closed rather than kept.
 *
 * <p>Thread safe.
 */
final class SmtpConnectionPool implements AutoCloseable {

    /** Opens and greets a new session (connect, EHLO, STARTTLS, AUTH). */
    @FunctionalInterface
    interface Opener {
        SMTPTransport open() throws MessagingException;
    }

    /** One session lent to one caller at a time. */
    static final class Connection {
        private final SMTPTransport transport;
        private int messages;
        private long idleSince;

        private Connection(SMTPTransport transport) {
            this.transport = transport;
        }

        SMTPTransport transport() {
            return transport;
        }

        /** Counts a message the server accepted on this session. */
        void countMessage() {
            messages++;
        }
    }

    /**
     * Servers drop sessions that sit idle (RFC 5321 suggests five minutes); one idle longer than
     * this is checked with a NOOP before it is lent again, so a send does not fail on a dead socket.
     */
    static final Duration IDLE_CHECK_AFTER = Duration.ofSeconds(1);

    private final Opener opener;
    private final int maxMessages;
    private final Semaphore lent;
    private final LongSupplier ticker;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final AtomicLong opened = new AtomicLong();
    private boolean closed;

    /**
     * @param maxMessages messages per session before it is closed; 0 means no limit
     */
    SmtpConnectionPool(Opener opener, int concurrency, int maxMessages, LongSupplier ticker) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.opener = opener;
        this.maxMessages = Math.max(0, maxMessages);
        this.lent = new Semaphore(concurrency, true);
        this.ticker = ticker;
    }

    /**
     * Lends an open session, opening one if none is idle; waits while all are lent.
     *
     * @throws MessagingException if a new session cannot be opened
     * @throws InterruptedException if interrupted while waiting for a session
     */
    Connection borrow() throws MessagingException, InterruptedException {
        lent.acquire();
        try {
            Connection connection;
            while ((connection = takeIdle()) != null) {
                if (ticker.getAsLong() - connection.idleSince < IDLE_CHECK_AFTER.toNanos()
                        || connection.transport.isConnected()) {
                    return connection;
                }
                // The server hung up while the session was idle (isConnected closed our side too).
                closeQuietly(connection);
            }
            Connection fresh = new Connection(opener.open());
            opened.incrementAndGet();
            return fresh;
        } catch (MessagingException | RuntimeException e) {
            lent.release();
            throw e;
        }
    }

    /**
     * Takes back a lent session.
     *
     * @param reusable false if the session is in doubt (a broken connection, a reply not read, a
     *                 server closing it): it is then closed and the next caller gets a fresh one.
     *                 Not checked here: a NOOP after every message would cost a round trip each
     */
    void giveBack(Connection connection, boolean reusable) {
        try {
            boolean keep = reusable && (maxMessages == 0 || connection.messages < maxMessages);
            if (keep) {
                connection.idleSince = ticker.getAsLong();
                synchronized (this) {
                    if (!closed) {
                        idle.push(connection);
                        return;
                    }
                }
            }
            closeQuietly(connection);
        } finally {
            lent.release();
        }
    }

    /** How many sessions were opened since the pool was created. */
    long opened() {
        return opened.get();
    }

    /** Closes the idle sessions (QUIT); sessions lent out are closed when they come back. */
    @Override
    public void close() {
        List<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
        }
        toClose.forEach(SmtpConnectionPool::closeQuietly);
    }

    private synchronized Connection takeIdle() {
        return idle.poll();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.transport.close();
        } catch (MessagingException | RuntimeException e) {
            // The session is being dropped anyway; a failed QUIT changes nothing for the messages.
        }
    }
}
