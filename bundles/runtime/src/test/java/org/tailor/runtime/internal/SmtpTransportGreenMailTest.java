package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tailor.runtime.internal.SmtpTestSupport.entries;
import static org.tailor.runtime.internal.SmtpTestSupport.entry;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.TransportException;

/**
 * The SMTP transport against GreenMail, a real SMTP server, started in this JVM on 127.0.0.1:
 * plain and implicit TLS (SMTPS) with a certificate checked by name, AUTH, and sessions reused,
 * counted by a relay in front of the server.
 */
class SmtpTransportGreenMailTest {

    private static final String USER = "sender";
    private static final String PASSWORD = "s3cret-Pa55";

    @TempDir
    static Path certificates;
    private static TestCertificates certs;
    private static GreenMail greenMail;

    private CountingProxy proxy;
    private SmtpTransport transport;

    @BeforeAll
    static void startServer() throws Exception {
        certs = TestCertificates.create(certificates);
        // GreenMail reads its TLS key from these once, when it first makes a TLS server socket.
        System.setProperty("greenmail.tls.keystore.file", certs.keystore().toString());
        System.setProperty("greenmail.tls.keystore.password", TestCertificates.PASSWORD);
        System.setProperty("greenmail.tls.key.password", TestCertificates.PASSWORD);
        greenMail = new GreenMail(new ServerSetup[] {
            setup(ServerSetup.PROTOCOL_SMTP),
            setup(ServerSetup.PROTOCOL_SMTPS)
        }).withConfiguration(GreenMailConfiguration.aConfig().withUser("sender@example.com", USER, PASSWORD));
        greenMail.start();
    }

    private static ServerSetup setup(String protocol) {
        ServerSetup setup = new ServerSetup(0, "127.0.0.1", protocol);
        // The 2 s default is too short for a TLS server socket on a busy 2-core machine; this only bounds the wait.
        setup.setServerStartupTimeout(60_000);
        return setup;
    }

    @AfterAll
    static void stopServer() {
        greenMail.stop();
        System.clearProperty("greenmail.tls.keystore.file");
        System.clearProperty("greenmail.tls.keystore.password");
        System.clearProperty("greenmail.tls.key.password");
    }

    @BeforeEach
    void clean() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void close() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private SmtpTransport transport(int serverPort, SSLSocketFactory tls, Map<String, Object> overrides) throws Exception {
        proxy = new CountingProxy(serverPort);
        Map<String, Object> properties = new HashMap<>();
        properties.put("host", "127.0.0.1");
        properties.put("port", proxy.port());
        properties.put("tls.mode", "none");
        properties.put("retry.initial.backoff.ms", 1);
        properties.put("retry.max.backoff.ms", 10);
        properties.putAll(overrides);
        transport = new SmtpTransport(SmtpTestSupport.config(properties), tls, System::nanoTime, Sleeper.THREAD);
        return transport;
    }

    private static Map<String, String> receivedByKey() throws Exception {
        Map<String, String> byKey = new HashMap<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            m.writeTo(bytes);
            String text = bytes.toString(java.nio.charset.StandardCharsets.US_ASCII);
            byKey.put(SmtpTestSupport.keyOf(text), text);
        }
        return byKey;
    }

    @Test
    void deliversOverOneReusedPlainConnectionWithTheBytesIntact() throws Exception {
        transport(greenMail.getSmtp().getPort(), null, Map.of());
        List<OutboxEntry> list = entries(5);
        for (OutboxEntry e : list) {
            transport.deliver(e);
        }

        Map<String, String> received = receivedByKey();
        assertThat(received).hasSize(5);
        for (OutboxEntry e : list) {
            // GreenMail puts its Return-Path and Received lines on top and drops the last line break;
            // the rest is ours, byte for byte (the fake server's test compares every byte).
            String sent = new String(e.mime(), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(received.get(e.idempotencyKey())).endsWith(sent.substring(0, sent.length() - 2));
        }
        assertThat(proxy.connections()).isEqualTo(1);
        assertThat(transport.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void deliversOverSmtpsWithAuthenticationAndReusesTheSession() throws Exception {
        transport(greenMail.getSmtps().getPort(), certs.clientContext().getSocketFactory(),
                Map.of("tls.mode", "smtps", "username", USER, ".password", PASSWORD));
        for (OutboxEntry e : entries(4)) {
            transport.deliver(e);
        }

        assertThat(receivedByKey()).containsOnlyKeys("k0", "k1", "k2", "k3");
        assertThat(proxy.connections()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsTemporaryAndNotRetried() throws Exception {
        transport(greenMail.getSmtps().getPort(), certs.clientContext().getSocketFactory(),
                Map.of("tls.mode", "smtps", "username", USER, ".password", "wrong", "retries", 3));

        assertThatThrownBy(() -> transport.deliver(entry("k1", "ann@example.org")))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.isPermanent()).isFalse();
                    assertThat(e.getMessage()).contains("authentication failed").doesNotContain("wrong");
                });
        assertThat(proxy.connections()).isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void requiredStarttlsRefusesAServerThatDoesNotOfferIt() throws Exception {
        transport(greenMail.getSmtp().getPort(), certs.clientContext().getSocketFactory(),
                Map.of("tls.mode", "required-starttls", "retries", 0));

        assertThatThrownBy(() -> transport.deliver(entry("k1", "ann@example.org")))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.isPermanent()).isFalse();
                    assertThat(e.getMessage()).contains("STARTTLS");
                });
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void concurrentSendersShareAtMostTheConfiguredNumberOfConnections() throws Exception {
        transport(greenMail.getSmtp().getPort(), null, Map.of("concurrency", 2));
        List<OutboxEntry> list = entries(40);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (OutboxEntry e : list) {
                futures.add(senders.submit(() -> {
                    transport.deliver(e);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }

        assertThat(receivedByKey()).hasSize(40);
        assertThat(proxy.maxOpen()).isLessThanOrEqualTo(2);
        assertThat(proxy.connections()).isBetween(1, 2);
    }
}
