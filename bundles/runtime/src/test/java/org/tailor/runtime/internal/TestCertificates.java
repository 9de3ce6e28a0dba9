package org.tailor.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away self-signed certificate for 127.0.0.1, made with the JDK's keytool, so that the TLS
 * tests check the server's certificate and name exactly as production does (only the trust anchor differs).
 */
final class TestCertificates {

    static final String PASSWORD = "changeit";

    private final Path keystore;

    private TestCertificates(Path keystore) {
        this.keystore = keystore;
    }

    /** A certificate for 127.0.0.1 and localhost. */
    static TestCertificates create(Path directory) throws IOException, InterruptedException {
        return create(directory, "server", "ip:127.0.0.1,dns:localhost");
    }

    /**
     * @param subjectAlternativeNames as keytool takes them, for example {@code dns:mail.example.net}
     */
    static TestCertificates create(Path directory, String name, String subjectAlternativeNames)
            throws IOException, InterruptedException {
        Path keystore = directory.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=" + subjectAlternativeNames, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.exists(keystore)) {
            throw new IOException("keytool failed: " + output);
        }
        return new TestCertificates(keystore);
    }

    Path keystore() {
        return keystore;
    }

    /** For a server: presents the certificate. */
    SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** For the transport: trusts only this certificate. */
    SSLContext clientContext() throws IOException, GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private KeyStore load() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
