package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the transport accepts as configuration, read as ConfigAdmin would hand it over. */
class SmtpTransportConfigTest {

    private static SmtpTransport create(Map<String, Object> properties) {
        return new SmtpTransport(SmtpTestSupport.config(properties), null, System::nanoTime, Sleeper.THREAD);
    }

    @Test
    void theDefaultsMakeAWorkingTransportThatOpensNoConnectionUntilItSends() {
        SmtpTransport transport = create(Map.of());
        try {
            assertThat(transport.connectionsOpened()).isZero();
        } finally {
            transport.close();
        }
    }

    @Test
    void theDefaultsAreSafe() {
        SmtpTransportConfig config = SmtpTestSupport.config(Map.of());
        assertThat(config.tls_mode()).isEqualTo("starttls");
        assertThat(config.username()).isEmpty();
        assertThat(config.rate_per_second()).isZero();
        assertThat(config.retries()).isPositive();
        assertThat(config.concurrency()).isPositive();
    }

    @Test
    void thePasswordKeyStartsWithADotSoItIsNotAServiceProperty() {
        assertThat(SmtpTestSupport.config(Map.of(".password", "pw"))._password()).isEqualTo("pw");
        assertThat(SmtpTestSupport.config(Map.of("password", "pw"))._password()).isEmpty();
    }

    @Test
    void refusesCredentialsThatCouldTravelInClear() {
        for (String mode : new String[] {"none", "starttls"}) {
            assertThatThrownBy(() -> create(Map.of("tls.mode", mode, "username", "u", ".password", "secret-pw")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("username").hasMessageContaining(mode).hasMessageNotContaining("secret-pw");
        }
        for (String mode : new String[] {"required-starttls", "smtps"}) {
            create(Map.of("tls.mode", mode, "username", "u", ".password", "p")).close();
        }
    }

    @Test
    void refusesAnUnknownTlsModeNamingTheChoices() {
        assertThatThrownBy(() -> create(Map.of("tls.mode", "ssl")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("none, starttls, required-starttls, smtps");
    }

    @Test
    void refusesOutOfRangeNumbers() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("port", 70_000);
        bad.put("concurrency", 0);
        bad.put("retries", -1);
        bad.put("rate.per.second", -5);
        bad.put("read.timeout.ms", 0);
        bad.put("host", " ");
        for (Map.Entry<String, Object> e : bad.entrySet()) {
            assertThatThrownBy(() -> create(Map.of(e.getKey(), e.getValue())))
                    .as(e.getKey()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void portZeroMeansTheUsualPortForTheMode() {
        assertThat(SmtpTlsMode.parse("none").defaultPort()).isEqualTo(25);
        assertThat(SmtpTlsMode.parse("starttls").defaultPort()).isEqualTo(25);
        assertThat(SmtpTlsMode.parse(" Required-STARTTLS ").defaultPort()).isEqualTo(587);
        assertThat(SmtpTlsMode.parse("smtps").defaultPort()).isEqualTo(465);
    }

    @Test
    void settingsNeverPrintThePassword() {
        SmtpConnector.Settings settings = new SmtpConnector.Settings("h", 25, SmtpTlsMode.SMTPS, "u", "hunter2", "",
                "", 1, 1);
        assertThat(settings.toString()).doesNotContain("hunter2").contains("***");
    }
}
