package org.tailor.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tailor.api.consent.UnknownPurposeException;

class PurposesTest {

    private static Purposes purposes(String[] email, String[] mapping) {
        return new Purposes(new String[] {"email_marketing", " analytics ", ""}, email, new String[] {"first_name"}, mapping);
    }

    @Test
    void namesAreTrimmedAndBlanksDropped() {
        Purposes p = purposes(new String[] {"email_marketing"}, new String[] {"analytics = visit_count , last_visit_at"});
        assertThat(p.all()).containsExactly("email_marketing", "analytics");
        assertThat(p.attributes().get("analytics")).containsExactly("visit_count", "last_visit_at");
        assertThat(p.sendsEmail("email_marketing")).isTrue();
        assertThat(p.sendsEmail("analytics")).isFalse();
    }

    @Test
    void aConfigurationThatContradictsItselfIsRefused() {
        assertThatThrownBy(() -> purposes(new String[] {"sms"}, new String[0]))
                .isInstanceOf(UnknownPurposeException.class).hasMessageContaining("'sms'");
        assertThatThrownBy(() -> purposes(new String[0], new String[] {"profiling=*"}))
                .isInstanceOf(UnknownPurposeException.class).hasMessageContaining("'profiling'");
        assertThatThrownBy(() -> purposes(new String[0], new String[] {"analytics"}))
                .hasMessageContaining("is not purpose=attribute");
        assertThatThrownBy(() -> new Purposes(new String[] {" "}, new String[0], new String[0], new String[0]))
                .hasMessageContaining("at least one purpose");
    }
}
