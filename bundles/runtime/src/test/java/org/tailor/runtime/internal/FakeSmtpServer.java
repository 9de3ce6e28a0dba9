package org.tailor.runtime.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server on 127.0.0.1 for the fault tests: it speaks enough of RFC 5321 for Angus
 * Mail (EHLO, optional STARTTLS, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and can be told to misbehave
 * once at a given step (reply with any code, drop the connection, answer late) or always for one
 * recipient. It records a message as accepted at the moment it sends the 250 for its data, so the
 * tests can compare what the transport reported with what the server really took.
 *
 * <p>Every connection has its own daemon thread and a read timeout; {@link #close} ends them all.
 */
final class FakeSmtpServer implements AutoCloseable {

    /** Where in a session a fault strikes. */
    enum Step { GREETING, MAIL, RCPT, DATA, MID_DATA, DATA_END, AFTER_DATA }

    /**
     * One misbehaviour.
     *
     * @param reply the full reply line to send instead of the normal one, or null to send the normal one
     * @param drop close the connection instead of replying
     * @param delayMillis wait this long before replying (or dropping)
     * @param acceptBeforeDrop at DATA_END: keep the message, then drop before the 250 goes out (SMTP's
     *                         duplicate window: the client cannot know the server has it)
     */
    record Fault(Step step, String reply, boolean drop, long delayMillis, boolean acceptBeforeDrop) {
        static Fault reply(Step step, String reply) {
            return new Fault(step, reply, false, 0, false);
        }

        static Fault drop(Step step) {
            return new Fault(step, null, true, 0, false);
        }

        static Fault slow(Step step, long delayMillis) {
            return new Fault(step, null, false, delayMillis, false);
        }

        static Fault lostReply() {
            return new Fault(Step.DATA_END, null, true, 0, true);
        }
    }

    /** A message the server accepted: the envelope, the data as received (dot-stuffing undone), when, and whether encrypted. */
    record Accepted(String mailFrom, String recipient, byte[] data, long tick, boolean overTls) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private static final int READ_TIMEOUT_MS = 10_000;
    private static final int MAX_LINE = 64 * 1024;

    private final ServerSocket server;
    private final SSLContext tls;
    private final LongSupplier ticker;
    private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final Map<String, String> rejectedRecipients = new ConcurrentHashMap<>();
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger transactions = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final Thread acceptor;

    /**
     * @param tls offers STARTTLS with this context when not null
     * @param ticker stamps accepted messages, so rate tests can count them per window of a fake clock
     */
    FakeSmtpServer(SSLContext tls, LongSupplier ticker) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.tls = tls;
        this.ticker = ticker;
        this.acceptor = new Thread(this::acceptLoop, "fake-smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    FakeSmtpServer() throws IOException {
        this(null, System::nanoTime);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Queues a one-time fault; faults strike in the order queued, each at the first time its step comes. */
    FakeSmtpServer then(Fault fault) {
        faults.add(fault);
        return this;
    }

    /** Answers RCPT TO for this address with the reply, every time. */
    FakeSmtpServer rejectRecipient(String address, String reply) {
        rejectedRecipients.put(address.toLowerCase(java.util.Locale.ROOT), reply);
        return this;
    }

    List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    int connections() {
        return connections.get();
    }

    /** MAIL FROM commands received: one per attempted message. */
    int transactions() {
        return transactions.get();
    }

    int maxConcurrentConnections() {
        return maxConcurrent.get();
    }

    int faultsLeft() {
        return faults.size();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        try {
            acceptor.join(5_000);
            for (Thread thread : threads) {
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            open.add(socket);
            Thread thread = new Thread(() -> serve(socket), "fake-smtp-" + connections.get());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void serve(Socket socket) {
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        try {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            new Session(socket).run();
        } catch (IOException | InterruptedException e) {
            // The client went away, the server is closing, or a fault dropped the connection.
        } finally {
            concurrent.decrementAndGet();
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }

    /** Pops the next fault if it is for this step. */
    private Fault faultAt(Step step) {
        synchronized (faults) {
            Fault next = faults.peek();
            if (next != null && next.step() == step) {
                faults.poll();
                return next;
            }
            return null;
        }
    }

    /** Thrown to end a session as a dropped connection would. */
    private static final class Dropped extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private final class Session {
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private String mailFrom;
        private String recipient;

        Session(Socket socket) throws IOException {
            use(socket);
        }

        private void use(Socket s) throws IOException {
            this.socket = s;
            // No bytes are read ahead past STARTTLS: the client waits for the 220 before its handshake.
            this.in = new java.io.BufferedInputStream(s.getInputStream());
            this.out = s.getOutputStream();
        }

        void run() throws IOException, InterruptedException {
            reply(Step.GREETING, "220 fake.test ESMTP ready");
            while (true) {
                byte[] raw = readLine();
                if (raw == null) {
                    return;
                }
                String line = new String(raw, StandardCharsets.US_ASCII).strip();
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (verb) {
                    case "EHLO" -> write("250-fake.test\r\n" + (tls != null && !(socket instanceof SSLSocket)
                            ? "250-STARTTLS\r\n" : "") + "250 8BITMIME\r\n");
                    case "HELO" -> write("250 fake.test\r\n");
                    case "STAR" -> startTls();
                    case "MAIL" -> {
                        transactions.incrementAndGet();
                        mailFrom = address(line);
                        recipient = null;
                        reply(Step.MAIL, "250 2.1.0 sender ok");
                    }
                    case "RCPT" -> {
                        String address = address(line);
                        String rejection = rejectedRecipients.get(address.toLowerCase(java.util.Locale.ROOT));
                        Fault fault = faultAt(Step.RCPT);
                        if (rejection != null && fault == null) {
                            write(rejection + "\r\n");
                        } else {
                            if (fault == null || (fault.reply() == null && !fault.drop())) {
                                recipient = address;
                            }
                            apply(fault, "250 2.1.5 recipient ok");
                        }
                    }
                    case "DATA" -> data();
                    case "RSET" -> {
                        mailFrom = null;
                        recipient = null;
                        write("250 2.0.0 reset\r\n");
                    }
                    case "NOOP" -> write("250 2.0.0 ok\r\n");
                    case "QUIT" -> {
                        write("221 2.0.0 bye\r\n");
                        return;
                    }
                    default -> write("502 5.5.2 command not recognized\r\n");
                }
            }
        }

        private void data() throws IOException, InterruptedException {
            if (mailFrom == null || recipient == null) {
                write("503 5.5.1 need MAIL and RCPT first\r\n");
                return;
            }
            reply(Step.DATA, "354 end data with <CR><LF>.<CR><LF>");
            Fault midData = faultAt(Step.MID_DATA);
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            int lines = 0;
            while (true) {
                byte[] line = readLine();
                if (line == null) {
                    throw new Dropped();
                }
                if (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n') {
                    break;
                }
                if (midData != null && ++lines == 3) {
                    apply(midData, null);
                }
                // Dot-stuffing (RFC 5321 4.5.2): a leading dot was doubled by the client.
                int from = line.length > 1 && line[0] == '.' ? 1 : 0;
                data.write(line, from, line.length - from);
            }
            Fault fault = faultAt(Step.DATA_END);
            if (fault == null || (fault.reply() == null && !fault.drop())) {
                if (fault != null) {
                    Thread.sleep(fault.delayMillis());
                }
                // Accepted now: recorded before the 250 goes out, as a real server commits before replying.
                accepted.add(new Accepted(mailFrom, recipient, data.toByteArray(), ticker.getAsLong(),
                        socket instanceof SSLSocket));
                write("250 2.0.0 queued\r\n");
                apply(faultAt(Step.AFTER_DATA), null);
            } else {
                if (fault.acceptBeforeDrop()) {
                    accepted.add(new Accepted(mailFrom, recipient, data.toByteArray(), ticker.getAsLong(),
                            socket instanceof SSLSocket));
                }
                apply(fault, null);
            }
            mailFrom = null;
            recipient = null;
        }

        private void startTls() throws IOException {
            if (tls == null || socket instanceof SSLSocket) {
                write("502 5.5.1 not available\r\n");
                return;
            }
            write("220 2.0.0 ready to start TLS\r\n");
            SSLSocket secure = (SSLSocket) tls.getSocketFactory()
                    .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            secure.setUseClientMode(false);
            secure.startHandshake();
            open.add(secure);
            use(secure);
            mailFrom = null;
            recipient = null;
        }

        private void reply(Step step, String normal) throws IOException, InterruptedException {
            apply(faultAt(step), normal);
        }

        private void apply(Fault fault, String normal) throws IOException, InterruptedException {
            if (fault != null) {
                if (fault.delayMillis() > 0) {
                    Thread.sleep(fault.delayMillis());
                }
                if (fault.drop()) {
                    throw new Dropped();
                }
                if (fault.reply() != null) {
                    write(fault.reply() + "\r\n");
                    return;
                }
            }
            if (normal != null) {
                write(normal + "\r\n");
            }
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** One line with its CRLF, or null at the end of the stream. */
        private byte[] readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                line.write(b);
                if (b == '\n') {
                    return line.toByteArray();
                }
                if (line.size() > MAX_LINE) {
                    throw new IOException("line too long");
                }
            }
            return line.size() == 0 ? null : line.toByteArray();
        }

        private String address(String line) {
            int open = line.indexOf('<');
            int close = line.indexOf('>', open + 1);
            return open >= 0 && close > open ? line.substring(open + 1, close) : "";
        }
    }

}
