package org.tailor.content.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A subject is one header line: every run of white space, line breaks included, reads as one space. */
class SubjectLineTest {

    @Test
    void runsOfWhiteSpaceBecomeOneSpaceAndTheEndsAreTrimmed() {
        assertThat(MessageMerge.oneLine("  Hi\r\n\tAnn,\u00a0 your  picks \n")).isEqualTo("Hi Ann, your picks");
        assertThat(MessageMerge.oneLine("Plain")).isEqualTo("Plain");
        assertThat(MessageMerge.oneLine("")).isEmpty();
    }

    @Test
    void equalsTheRegularExpressionItReplacedOnRandomAsciiText() {
        Random random = new Random(7);
        String alphabet = "ab ,\t\n\r\u000b\f\u00a0é";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(20); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String expected = text.toString().replaceAll("[\\s\\u00A0]+", " ").strip();
            assertThat(MessageMerge.oneLine(text.toString())).as(text.toString()).isEqualTo(expected);
        }
    }
}
