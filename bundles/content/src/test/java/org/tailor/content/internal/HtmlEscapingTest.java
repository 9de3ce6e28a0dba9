package org.tailor.content.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlEscapingTest {

    @Test
    void escapesTheFiveMarkupCharacters() {
        assertThat(HtmlEscaping.escape("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
        assertThat(HtmlEscaping.escape("Müller — 5 €")).isEqualTo("Müller — 5 €");
    }

    @Test
    void unescapesNamedAndNumericReferences() {
        assertThat(HtmlEscaping.unescape("&lt;b&gt; &amp;amp; &quot;&#39;&#x27;&apos; &nbsp;&eacute;&euro;&hellip;&#128512;"))
                .isEqualTo("<b> &amp; \"''' \u00A0é€…\uD83D\uDE00");
    }

    @Test
    void leavesWhatIsNotAReferenceAlone() {
        assertThat(HtmlEscaping.unescape("AT&T &unknown; &#; &#xZZ; & &amp"))
                .isEqualTo("AT&T &unknown; &#; &#xZZ; & &amp");
    }
}
