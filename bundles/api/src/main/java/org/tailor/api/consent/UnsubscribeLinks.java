package org.tailor.api.consent;

import java.net.URI;
import java.util.Objects;

/**
 * The unsubscribe links of one message to one recipient, each carrying its own signed, expiring,
 * single-use token.
 *
 * @param listUnsubscribe the value of the {@code List-Unsubscribe} header (RFC 2369): the HTTPS
 *                        one-click URL, then the mailto form, each in angle brackets
 * @param listUnsubscribePost the value of the {@code List-Unsubscribe-Post} header (RFC 8058):
 *                            always {@code List-Unsubscribe=One-Click}
 * @param oneClickUrl the URL a mail client POSTs to; a GET of it shows a page with a button
 * @param mailto the mailto form
 * @param preferencesUrl the page where the person changes any purpose, for the message body
 */
public record UnsubscribeLinks(String listUnsubscribe, String listUnsubscribePost, URI oneClickUrl, URI mailto,
                               URI preferencesUrl) {

    /** The one value RFC 8058 allows for {@code List-Unsubscribe-Post}. */
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    public UnsubscribeLinks {
        Objects.requireNonNull(listUnsubscribe, "listUnsubscribe");
        Objects.requireNonNull(listUnsubscribePost, "listUnsubscribePost");
        Objects.requireNonNull(oneClickUrl, "oneClickUrl");
        Objects.requireNonNull(mailto, "mailto");
        Objects.requireNonNull(preferencesUrl, "preferencesUrl");
    }
}
