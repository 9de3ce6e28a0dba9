package org.tailor.consent.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.tailor.api.consent.LinkOutcome;
import org.tailor.api.consent.SubscriptionService;
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

    private final transient SubscriptionService subscriptions;

    @Activate
    public ConsentServlet(@Reference SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
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
            default -> write(response, HttpServletResponse.SC_NOT_FOUND, "Not found", "<p>There is no such page.</p>");
        }
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
