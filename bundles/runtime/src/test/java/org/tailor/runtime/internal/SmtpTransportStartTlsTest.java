package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tailor.runtime.internal.SmtpTestSupport.entry;
import static org.tailor.runtime.internal.SmtpTestSupport.plain;

import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.delivery.TransportException;

/** STARTTLS against the fake server (GreenMail does not offer it), with the certificate and its name checked. */
class SmtpTransportStartTlsTest {

    @TempDir
    static Path directory;
    private static TestCertificates forThisHost;
    private static TestCertificates forAnotherHost;

    private FakeSmtpServer server;
    private SmtpTransport transport;

    @BeforeAll
    static void certificates() throws Exception {
        forThisHost = TestCertificates.create(directory);
        forAnotherHost = TestCertificates.create(directory, "other", "dns:mail.example.net");
    }

    @AfterEach
    void stop() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private SmtpTransport transport(TestCertificates serverCertificate, SSLSocketFactory clientTls, String mode)
            throws Exception {
        server = new FakeSmtpServer(serverCertificate.serverContext(), System::nanoTime);
        transport = new SmtpTransport(plain(server.port(), Map.of("tls.mode", mode, "retries", 0)), clientTls,
                System::nanoTime, Sleeper.THREAD);
        return transport;
    }

    @Test
    void requiredStarttlsEncryptsBeforeTheMessage() throws Exception {
        transport(forThisHost, forThisHost.clientContext().getSocketFactory(), "required-starttls")
                .deliver(entry("k1", "ann@example.org"));

        assertThat(server.accepted()).singleElement().satisfies(a -> assertThat(a.overTls()).isTrue());
    }

    @Test
    void opportunisticStarttlsEncryptsWhenOffered() throws Exception {
        transport(forThisHost, forThisHost.clientContext().getSocketFactory(), "starttls")
                .deliver(entry("k1", "ann@example.org"));

        assertThat(server.accepted()).singleElement().satisfies(a -> assertThat(a.overTls()).isTrue());
    }

    @Test
    void noneStaysPlainEvenWhenStarttlsIsOffered() throws Exception {
        transport(forThisHost, forThisHost.clientContext().getSocketFactory(), "none")
                .deliver(entry("k1", "ann@example.org"));

        assertThat(server.accepted()).singleElement().satisfies(a -> assertThat(a.overTls()).isFalse());
    }

    @Test
    void anUntrustedCertificateStopsTheSessionBeforeAnythingIsSent() throws Exception {
        // No factory: the JVM's own trust store, which does not know the test certificate.
        transport(forThisHost, null, "required-starttls");

        assertThatThrownBy(() -> transport.deliver(entry("k1", "ann@example.org")))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isPermanent()).isFalse());
        assertThat(server.accepted()).isEmpty();
        assertThat(server.transactions()).isZero();
    }

    @Test
    void aTrustedCertificateForAnotherHostNameIsRefused() throws Exception {
        transport(forAnotherHost, forAnotherHost.clientContext().getSocketFactory(), "required-starttls");

        assertThatThrownBy(() -> transport.deliver(entry("k1", "ann@example.org")))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isPermanent()).isFalse());
        assertThat(server.transactions()).isZero();
    }
}
