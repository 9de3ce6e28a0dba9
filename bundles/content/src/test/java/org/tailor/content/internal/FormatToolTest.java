package org.tailor.content.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatToolTest {

    @TempDir
    Path root;

    private static FormatTool forProfile(Map<String, Object> attributes) {
        return FormatTool.of(TestTemplates.profile(attributes), Locale.ENGLISH, ZoneOffset.UTC);
    }

    @Test
    void datesAndMoneyReadAsTheRecipientsLocaleWritesThem() {
        FormatTool german = forProfile(Map.of("locale", "de-DE", "time_zone", "Europe/Berlin"));
        assertThat(german.date("1990-05-17")).isEqualTo("17.05.1990");
        assertThat(german.date("1990-05-17", "long")).isEqualTo("17. Mai 1990");
        assertThat(german.money("1234.5", "EUR")).isEqualTo("1.234,50\u00a0€");
        assertThat(german.number(new java.math.BigDecimal("1234567.25"))).isEqualTo("1.234.567,25");
        assertThat(german.date("2026-11-23T23:30:00Z")).as("a moment is dated in the recipient's zone").isEqualTo("24.11.2026");

        FormatTool american = forProfile(Map.of("locale", "en_US", "time_zone", "America/New_York"));
        assertThat(american.money(1234.5, "usd")).isEqualTo("$1,234.50");
        assertThat(american.money("1234.5", "JPY")).isEqualTo("¥1,235");
        // Newer JDKs (CLDR 42+) put a narrow no-break space before PM, JDK 17 a plain one.
        assertThat(american.datetime("2026-11-23T23:30:00Z", "medium").replace('\u202f', ' ')).isEqualTo("Nov 23, 2026, 6:30 PM");
    }

    @Test
    void invalidOrMissingLocaleAndZoneFallBackToTheDefaults() {
        FormatTool tool = FormatTool.of(TestTemplates.profile(Map.of("locale", "", "time_zone", "Mars/Olympus")),
                Locale.UK, ZoneId.of("Europe/London"));
        assertThat(tool.describe()).isEqualTo("en-GB Europe/London");
        assertThat(tool.date(null)).isNull();
        assertThat(tool.money("", "EUR")).isNull();
        assertThatThrownBy(() -> tool.date("2026-01-01", "huge")).hasMessageContaining("not one of short, medium, long, full");
    }

    @Test
    void namesTypedInOneCaseAreCapitalizedAndOthersKept() {
        FormatTool tool = forProfile(Map.of());
        assertThat(tool.name("ANNA-LENA")).isEqualTo("Anna-Lena");
        assertThat(tool.name("o'brien")).isEqualTo("O'brien");
        assertThat(tool.name("zoë  van der berg")).isEqualTo("Zoë  Van Der Berg");
        assertThat(tool.name("McDonald")).isEqualTo("McDonald");
        assertThat(tool.name(" ")).isNull();
    }

    @Test
    void templatesReachTheToolThroughTheSandbox() throws Exception {
        TestTemplates files = new TestTemplates(root);
        files.pack("t", "x", "<p>$format.money($profile.get(\"total\", \"0\"), \"EUR\") $format.name($profile.first_name)</p>"
                + "$format.getClass()");
        VelocityContentRenderer renderer = files.renderer();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> renderer.render("t",
                            TestTemplates.profile(Map.of("first_name", "ANN", "total", "12.5", "locale", "de")), "a@example.com", Map.of()))
                    .hasMessageContaining("method getClass() is not available");
            files.pack("t", "x", "<p>$format.money($profile.get(\"total\", \"0\"), \"EUR\") $format.name($profile.first_name)</p>");
            renderer.rescan();
            assertThat(renderer.render("t", TestTemplates.profile(Map.of("first_name", "ANN", "total", "12.5", "locale", "de")),
                    "a@example.com", Map.of()).html()).isEqualTo("<p>12,50\u00a0€ Ann</p>");
        } finally {
            renderer.deactivate();
        }
    }
}
