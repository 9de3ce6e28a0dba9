package org.tailor.consent.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.consent.LinkOutcome;
import org.tailor.api.consent.SubscriptionService;
import org.tailor.api.consent.UnknownPurposeException;
import org.tailor.api.delivery.ConfirmationMailer;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.IngestService;
import org.tailor.api.ingest.RecordKind;
import org.tailor.api.model.ConsentStatus;

/**
 * The consent pages on the HTTP Whiteboard, reached from links in messages; no login, no cookies,
 * no session: the signed token in the link is the only credential.
 *
 * <ul>
 *   <li>{@code POST <base>/unsubscribe?token=…}: RFC 8058 one-click, as mail clients send it
 *       (body {@code List-Unsubscribe=One-Click}, form-encoded or multipart); also the page's button.
 *   <li>{@code GET <base>/unsubscribe?token=…}: a page with that button. A GET never unsubscribes:
 *       link scanners fetch every URL in a message.
 *   <li>{@code GET <base>/confirm?token=…}: confirms a double opt-in.
 *   <li>{@code GET|POST <base>/preferences}: shows and changes every purpose.
 *   <li>{@code GET|POST <base>/subscribe}: a sign-up form (fields {@code email} and {@code purpose},
 *       {@code email_marketing} if none), which a shop's own form may also post to. It creates or
 *       finds the person through ingest and sends the double opt-in message. The answer is the same
 *       whether the person was new, already confirmed, recently asked or suppressed, so the form
 *       tells no one who is on the list.
 * </ul>
 */
@Component(service = Servlet.class, configurationPid = ConsentLedgerService.PID,
        property = {
            "osgi.http.whiteboard.servlet.pattern=" + ConsentServlet.DEFAULT_PATTERN,
            "osgi.http.whiteboard.servlet.name=tailor-consent"
        })
public final class ConsentServlet extends HttpServlet {

    static final String DEFAULT_PATTERN = "/tailor/consent/*";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsentServlet.class);
    /** RFC 5321's limit on a forward path, which bounds any address that can receive mail. */
    private static final int MAX_EMAIL_LENGTH = 254;

    static final String SIGNUP_SOURCE = "signup-form";

    private final transient SubscriptionService subscriptions;

    // Optional: without ingest or the delivery runtime the links in sent mail must still work.
    private transient volatile IngestService ingest;
    private transient volatile ConfirmationMailer mailer;

    @Activate
    public ConsentServlet(@Reference SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindIngest")
    void bindIngest(IngestService service) {
        ingest = service;
    }

    void unbindIngest(IngestService service) {
        if (ingest == service) {
            ingest = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindMailer")
    void bindMailer(ConfirmationMailer service) {
        mailer = service;
    }

    void unbindMailer(ConfirmationMailer service) {
        if (mailer == service) {
            mailer = null;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = request.getParameter("token");
        switch (page(request)) {
            case "unsubscribe" -> write(response, HttpServletResponse.SC_OK, "Unsubscribe",
                    "<p>Do you want to stop receiving these messages?</p>"
                            + form("unsubscribe", token) + "<button type=\"submit\">Unsubscribe</button></form>");
            case "confirm" -> outcome(response, "Subscription", subscriptions.confirm(token, "web"));
            case "preferences" -> preferences(response, token, Optional.empty());
            case "subscribe" -> write(response, HttpServletResponse.SC_OK, "Subscribe", signupForm(purpose(request)));
            default -> write(response, HttpServletResponse.SC_NOT_FOUND, "Not found", "<p>There is no such page.</p>");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = request.getParameter("token");
        switch (page(request)) {
            // Mail clients post to the URL of the header, token in the query; the page's button posts it in the body.
            case "unsubscribe" -> outcome(response, "Unsubscribe", subscriptions.unsubscribe(token,
                    request.getQueryString() != null && request.getQueryString().contains("token=") ? "one_click" : "web"));
            case "preferences" -> {
                Map<String, Boolean> wanted = new LinkedHashMap<>();
                for (String purpose : request.getParameterValues("shown") == null ? new String[0]
                        : request.getParameterValues("shown")) {
                    wanted.put(purpose, "on".equals(request.getParameter("purpose." + purpose)));
                }
                LinkOutcome outcome = subscriptions.changePreferences(token, wanted, "web");
                if (outcome.nextToken().isPresent()) {
                    preferences(response, outcome.nextToken().get(), Optional.of(outcome.message()));
                } else {
                    outcome(response, "Your choices", outcome);
                }
            }
            case "subscribe" -> subscribe(request, response);
            default -> write(response, HttpServletResponse.SC_NOT_FOUND, "Not found", "<p>There is no such page.</p>");
        }
    }

    private void subscribe(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String email = request.getParameter("email") == null ? "" : request.getParameter("email").strip();
        String purpose = purpose(request);
        IngestService ingestNow = ingest;
        ConfirmationMailer mailerNow = mailer;
        if (ingestNow == null || mailerNow == null) {
            unavailable(response, "Subscribe");
            return;
        }
        if (email.isEmpty() || email.length() > MAX_EMAIL_LENGTH) {
            write(response, HttpServletResponse.SC_BAD_REQUEST, "Subscribe",
                    "<p>Please enter your email address.</p>" + signupForm(purpose));
            return;
        }
        try {
            IngestResult person = ingestNow.ingest(new InboundRecord(SIGNUP_SOURCE, Instant.now().toString(),
                    RecordKind.CUSTOMER, Map.of("email", email)));
            if (!person.isAccepted()) {
                write(response, HttpServletResponse.SC_BAD_REQUEST, "Subscribe",
                        "<p>That does not look like an email address.</p>" + signupForm(purpose));
                return;
            }
            mailerNow.requestConfirmation(person.profileId().orElseThrow(), purpose, SIGNUP_SOURCE, "web");
        } catch (UnknownPurposeException e) {
            write(response, HttpServletResponse.SC_BAD_REQUEST, "Subscribe", "<p>There is no such subscription.</p>");
            return;
        } catch (IllegalArgumentException e) {
            write(response, HttpServletResponse.SC_BAD_REQUEST, "Subscribe",
                    "<p>That does not look like an email address.</p>" + signupForm(purpose));
            return;
        } catch (RuntimeException e) {
            LOG.warn("Sign-up could not be handled: {}", e.toString());
            unavailable(response, "Subscribe");
            return;
        }
        write(response, HttpServletResponse.SC_OK, "Subscribe", "<p>Thank you. Please check your inbox: we sent you "
                + "a link to confirm. Until you confirm, you will not get any " + escape(purpose.replace('_', ' '))
                + " messages from us.</p>");
    }

    private static String purpose(HttpServletRequest request) {
        String purpose = request.getParameter("purpose");
        return purpose == null || purpose.isBlank() ? "email_marketing" : purpose.strip();
    }

    private static String signupForm(String purpose) {
        return "<form method=\"post\" action=\"subscribe\"><input type=\"hidden\" name=\"purpose\" value=\""
                + escape(purpose) + "\"><label>Email <input type=\"email\" name=\"email\" required maxlength=\""
                + MAX_EMAIL_LENGTH + "\" autocomplete=\"email\"></label> <button type=\"submit\">Subscribe</button></form>";
    }

    private static void unavailable(HttpServletResponse response, String title) throws IOException {
        response.setIntHeader("Retry-After", 60);
        write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, title,
                "<p>We cannot take this right now. Please try again in a few minutes.</p>");
    }

    private void preferences(HttpServletResponse response, String token, Optional<String> notice) throws IOException {
        Optional<Map<String, ConsentStatus>> states = subscriptions.preferences(token);
        if (states.isEmpty()) {
            write(response, HttpServletResponse.SC_BAD_REQUEST, "Your choices",
                    "<p>This link is not valid or has expired. Please use the link from your latest message.</p>");
            return;
        }
        StringBuilder body = new StringBuilder();
        notice.ifPresent(n -> body.append("<p role=\"status\">").append(escape(n)).append("</p>"));
        body.append(form("preferences", token)).append("<fieldset><legend>I agree to</legend>");
        states.get().forEach((purpose, status) -> body
                .append("<input type=\"hidden\" name=\"shown\" value=\"").append(escape(purpose)).append("\">")
                .append("<label><input type=\"checkbox\" name=\"purpose.").append(escape(purpose)).append("\"")
                .append(status == ConsentStatus.GRANTED ? " checked" : "").append("> ")
                .append(escape(purpose.replace('_', ' '))).append("</label><br>"));
        body.append("</fieldset><button type=\"submit\">Save</button></form>");
        write(response, HttpServletResponse.SC_OK, "Your choices", body.toString());
    }

    private static void outcome(HttpServletResponse response, String title, LinkOutcome outcome) throws IOException {
        int status = switch (outcome.result()) {
            case DONE, ALREADY_USED -> HttpServletResponse.SC_OK;
            case EXPIRED -> HttpServletResponse.SC_GONE;
            case INVALID -> HttpServletResponse.SC_BAD_REQUEST;
            case UNAVAILABLE -> HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        };
        if (outcome.result() == LinkOutcome.Result.UNAVAILABLE) {
            response.setIntHeader("Retry-After", 60);
        }
        write(response, status, title, "<p>" + escape(outcome.message()) + "</p>");
    }

    private static String page(HttpServletRequest request) {
        String path = request.getPathInfo();
        return path == null ? "" : path.replaceAll("^/+|/+$", "").toLowerCase(Locale.ROOT);
    }

    private static String form(String action, String token) {
        return "<form method=\"post\" action=\"" + action + "\"><input type=\"hidden\" name=\"token\" value=\""
                + escape(token == null ? "" : token) + "\">";
    }

    private static void write(HttpServletResponse response, int status, String title, String body) throws IOException {
        byte[] html = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><title>" + escape(title) + "</title></head>"
                + "<body><h1>" + escape(title) + "</h1>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        // The token is in the URL: keep it out of caches and out of Referer headers to other sites.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; form-action 'self'; frame-ancestors 'none'");
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(html.length);
        response.getOutputStream().write(html);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
