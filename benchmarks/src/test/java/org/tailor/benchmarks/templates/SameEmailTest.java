package org.tailor.benchmarks.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every engine writes the same email, and the email is the one the benchmark claims to render. */
class SameEmailTest {

    private static final List<Recipient> RECIPIENTS = Recipients.generate(1000, TemplateRenderingBenchmark.SEED);
    private static final List<String> EMAILS = new ArrayList<>();

    @BeforeAll
    static void renderWithTheReference() throws Exception {
        EmailEngine.Rendering jte = EmailEngines.named(EmailEngines.REFERENCE).prepare(RECIPIENTS);
        for (int i = 0; i < RECIPIENTS.size(); i++) {
            EMAILS.add(jte.render(i));
        }
    }

    static List<String> engines() {
        return List.copyOf(EmailEngines.names());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void writesTheReferenceBytesForEveryRecipient(String engine) throws Exception {
        EmailEngine.Rendering rendering = EmailEngines.named(engine).prepare(RECIPIENTS);
        for (int i = 0; i < RECIPIENTS.size(); i++) {
            assertThat(rendering.render(i).getBytes(StandardCharsets.UTF_8))
                    .as("%s, recipient %d", engine, i)
                    .isEqualTo(EMAILS.get(i).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theCheckNamesTheFirstDifference() {
        EmailEngine.Rendering shouting = i -> EMAILS.get(i).replace("Unsubscribe", "UNSUBSCRIBE");
        assertThatThrownBy(() -> SameOutput.check("shouting", shouting, "jte", i -> EMAILS.get(i), EMAILS.size()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shouting writes other bytes than jte for recipient")
                .hasMessageContaining("UNSUBSCRIBE");
    }

    @Test
    void isAboutTwoKilobytesAndDifferentForEveryRecipient() {
        double average = EMAILS.stream().mapToInt(e -> e.getBytes(StandardCharsets.UTF_8).length).average().orElseThrow();
        assertThat(average).isBetween(1800.0, 3000.0);
        assertThat(EMAILS).doesNotHaveDuplicates();
    }

    @Test
    void everySlotVariantAndTheNestedConditionAreUsed() {
        assertThat(EMAILS).anyMatch(e -> e.contains("Frühling in"))
                .anyMatch(e -> e.contains("Light evenings are back in"))
                .anyMatch(e -> e.contains("Spring picks for"))
                .anyMatch(e -> e.contains("Thank you for order SO-"))
                .anyMatch(e -> e.contains("Take 20% off your first order"))
                .anyMatch(e -> e.contains("points earn you 10% off"))
                .anyMatch(e -> e.contains("Welcome to the club"))
                .anyMatch(e -> e.contains(">Abmelden</a>"))
                .anyMatch(e -> e.contains(">Se désabonner</a>"))
                .anyMatch(e -> e.contains(">Unsubscribe</a>"));
    }

    @Test
    void mergeFieldsAreFilledEscapedOrDefaulted() {
        for (int i = 0; i < RECIPIENTS.size(); i++) {
            Recipient recipient = RECIPIENTS.get(i);
            String email = EMAILS.get(i);
            assertThat(email).contains("Hi " + HtmlEscape.escape(recipient.firstName() == null ? "there" : recipient.firstName())
                            + " " + HtmlEscape.escape(recipient.lastName()) + ",")
                    .contains(recipient.couponCode(), recipient.pointsExpiry(), recipient.credit(),
                            String.valueOf(recipient.loyaltyPoints()))
                    .contains("href=\"" + recipient.unsubscribeUrl().replace("&", "&amp;") + "\"");
            assertThat(email.split("<td width=\"25%\"", -1)).hasSize(5);
            for (Product product : recipient.products()) {
                assertThat(email).contains("alt=\"" + HtmlEscape.escape(product.name()) + "\"", product.price());
            }
        }
        assertThat(EMAILS).anyMatch(e -> e.contains("O&#39;Brien"))
                .anyMatch(e -> e.contains("&quot;Storm&quot;"))
                .anyMatch(e -> e.contains("&lt;Carbon&gt;"))
                .anyMatch(e -> e.contains("Hi there "))
                .noneMatch(e -> e.contains("${") || e.contains("{{") || e.contains("<#") || e.contains("'"));
    }
}
