package org.tailor.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.consent.internal.ConsentFixture.T0;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tailor.api.consent.ConfirmationRequest;
import org.tailor.api.delivery.ConfirmationMailer;
import org.tailor.api.ingest.DeadLetter;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.IngestService;
import org.tailor.api.ingest.IngestStats;
import org.tailor.api.ingest.Violation;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.Identity;
import org.tailor.api.model.ConsentStatus;

/**
 * The consent pages in a real servlet container (Jetty 9.4 with javax.servlet, as in Pax Web 8) on
 * loopback, driven by the JDK's HTTP client the way mail clients and browsers call them: no cookie,
 * no login, the token in the URL.
 */
class ConsentServletTest {

    @TempDir
    Path texts;

    private final ConsentFixture fixture = new ConsentFixture();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SubscriptionLinks links;
    private ConsentServlet servlet;
    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        connector.open(); // bound now, so that the links can name the port before the servlet exists
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/tailor/consent";
        links = new SubscriptionLinks(fixture.ledger, fixture.ledger, fixture.stores.tokens,
                new LinkTokens(fixture.keys.tokenSigner()), new ConsentTexts(texts), base, "unsubscribe@localhost",
                Duration.ofHours(72), Duration.ofDays(90), fixture.clock);
        ServletContextHandler context = new ServletContextHandler();
        servlet = new ConsentServlet(links);
        context.addServlet(new ServletHolder(servlet), ConsentServlet.DEFAULT_PATTERN);
        server.setHandler(context);
        server.start();
        fixture.ledger.record(new ConsentRecord("p1", ConsentRecord.EMAIL_MARKETING, ConsentStatus.GRANTED, T0, "csv"));
        fixture.clock.advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        fixture.close();
    }

    @Test
    void oneClickPostUnsubscribesWithoutCookiesOrLogin() throws Exception {
        URI url = links.unsubscribeLinks("p1", ConsentRecord.EMAIL_MARKETING, "spring").oneClickUrl();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.body()).contains("You are unsubscribed");
        assertThat(fixture.ledger.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
        assertThat(fixture.ledger.history("p1").get(1).channel()).isEqualTo("one_click");

        HttpResponse<String> replay = http.send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("already used");
        assertThat(fixture.ledger.history("p1")).hasSize(2);
    }

    @Test
    void oneClickPostAsMultipartWorksToo() throws Exception {
        URI url = links.unsubscribeLinks("p1", ConsentRecord.EMAIL_MARKETING, "spring").oneClickUrl();
        String body = "--b0undary\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n"
                + "--b0undary--\r\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url)
                .header("Content-Type", "multipart/form-data; boundary=b0undary")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fixture.ledger.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
    }

    @Test
    void aGetShowsAButtonAndChangesNothing() throws Exception {
        URI url = links.unsubscribeLinks("p1", ConsentRecord.EMAIL_MARKETING, "spring").oneClickUrl();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\" action=\"unsubscribe\">", "name=\"token\"");
        assertThat(fixture.ledger.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isTrue();

        String token = SubscriptionLinksTest.token(url);
        HttpResponse<String> button = http.send(HttpRequest.newBuilder(URI.create(base + "/unsubscribe"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(button.statusCode()).isEqualTo(200);
        assertThat(fixture.ledger.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
        assertThat(fixture.ledger.history("p1").get(1).channel()).isEqualTo("web");
    }

    @Test
    void confirmByGetAndRefuseForgedOrExpiredLinks() throws Exception {
        URI confirm = links.requestConfirmation("p2", ConsentRecord.ANALYTICS, "form", "web").confirmUrl().orElseThrow();
        fixture.clock.advance(Duration.ofMinutes(1));
        assertThat(get(confirm).statusCode()).isEqualTo(200);
        assertThat(fixture.ledger.check("p2", ConsentRecord.ANALYTICS).allowed()).isTrue();

        assertThat(get(URI.create(base + "/confirm?token=forged.token")).statusCode()).isEqualTo(400);
        URI late = links.requestConfirmation("p3", ConsentRecord.ANALYTICS, "form", "web").confirmUrl().orElseThrow();
        fixture.clock.advance(Duration.ofDays(4));
        HttpResponse<String> expired = get(late);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("expired");
        assertThat(get(URI.create(base + "/nothing-here")).statusCode()).isEqualTo(404);
    }

    @Test
    void thePreferencePageShowsAndChangesPurposes() throws Exception {
        URI page = links.unsubscribeLinks("p1", ConsentRecord.EMAIL_MARKETING, "spring").preferencesUrl();
        HttpResponse<String> form = get(page);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"purpose.email_marketing\" checked", "name=\"purpose.analytics\">");

        String token = SubscriptionLinksTest.token(page);
        String body = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&shown=email_marketing&shown=analytics&purpose.analytics=on";
        HttpResponse<String> saved = http.send(HttpRequest.newBuilder(URI.create(base + "/preferences"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("Your choices are saved", "name=\"purpose.analytics\" checked");
        assertThat(fixture.ledger.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
        assertThat(fixture.ledger.check("p1", ConsentRecord.ANALYTICS).allowed()).isTrue();

        Matcher next = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(saved.body());
        assertThat(next.find()).isTrue();
        assertThat(next.group(1)).isNotEqualTo(token);
        assertThat(get(page).statusCode()).as("the used link no longer opens the page").isEqualTo(400);
    }

    @Test
    void theSignUpFormCreatesThePersonAsksForConfirmationAndTellsNoOneWhoIsListed() throws Exception {
        SignUps signUps = new SignUps();
        servlet.bindIngest(signUps);
        servlet.bindMailer(signUps);
        assertThat(get(URI.create(base + "/subscribe")).body()).contains("<form method=\"post\" action=\"subscribe\">",
                "name=\"purpose\" value=\"email_marketing\"");

        HttpResponse<String> first = postForm("/subscribe", "email=new%40example.com&purpose=analytics");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("Please check your inbox");
        String id = signUps.profileOf("new@example.com");
        assertThat(fixture.ledger.history(id)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ConsentStatus.PENDING);
            assertThat(r.source()).isEqualTo(ConsentServlet.SIGNUP_SOURCE);
        });
        fixture.clock.advance(Duration.ofMinutes(1));
        assertThat(get(signUps.sent.get(0)).statusCode()).isEqualTo(200);
        assertThat(fixture.ledger.check(id, ConsentRecord.ANALYTICS).allowed()).isTrue();

        HttpResponse<String> again = postForm("/subscribe", "email=new%40example.com&purpose=analytics");
        assertThat(again.statusCode()).as("a confirmed person gets the same answer").isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(fixture.ledger.check(id, ConsentRecord.ANALYTICS).allowed()).as("re-subscribing keeps the grant").isTrue();
        assertThat(signUps.sent).hasSize(1);
    }

    @Test
    void theSignUpFormRefusesBadInputAndSaysWhenItCannotTakeARequest() throws Exception {
        assertThat(postForm("/subscribe", "email=a%40example.com").statusCode())
                .as("without ingest and a mailer the form is unavailable, the links keep working").isEqualTo(503);
        SignUps signUps = new SignUps();
        servlet.bindIngest(signUps);
        servlet.bindMailer(signUps);
        assertThat(postForm("/subscribe", "email=").statusCode()).isEqualTo(400);
        assertThat(postForm("/subscribe", "email=" + "x".repeat(250) + "%40example.com").statusCode()).isEqualTo(400);
        HttpResponse<String> notAnAddress = postForm("/subscribe", "email=not-an-address");
        assertThat(notAnAddress.statusCode()).isEqualTo(400);
        assertThat(notAnAddress.body()).contains("does not look like an email address").doesNotContain("not-an-address");
        assertThat(postForm("/subscribe", "email=b%40example.com&purpose=lottery").statusCode()).isEqualTo(400);
        signUps.down = true;
        assertThat(postForm("/subscribe", "email=b%40example.com").statusCode()).isEqualTo(503);
        servlet.unbindMailer(signUps);
        assertThat(postForm("/subscribe", "email=b%40example.com").statusCode()).isEqualTo(503);
        assertThat(signUps.sent).isEmpty();
    }

    private HttpResponse<String> postForm(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Ingest and the runtime's mailer as they behave for a sign-up: an address becomes a profile (or
     * is rejected), and a confirmation request goes through the real subscription links.
     */
    private final class SignUps implements IngestService, ConfirmationMailer {
        final List<URI> sent = new CopyOnWriteArrayList<>();
        volatile boolean down;

        String profileOf(String email) {
            return fixture.stores.profiles.findByIdentity(new Identity(Identity.EMAIL, email)).orElseThrow().id();
        }

        @Override
        public IngestResult ingest(InboundRecord record) {
            String email = (String) record.fields().get("email");
            if (!email.matches("[^@\\s]+@[^@\\s]+")) {
                return IngestResult.rejected(List.of(new Violation("email", "must be an email address")));
            }
            return IngestResult.accepted(fixture.stores.profiles.findByIdentity(new Identity(Identity.EMAIL, email))
                    .orElseGet(() -> fixture.person("p-" + email, email)).id());
        }

        @Override
        public Outcome requestConfirmation(String profileId, String purpose, String source, String channel) {
            if (down) {
                throw new IllegalStateException("no transport named 'smtp' is registered");
            }
            ConfirmationRequest request = links.requestConfirmation(profileId, purpose, source, channel);
            if (request.alreadyConfirmed()) {
                return Outcome.ALREADY_CONFIRMED;
            }
            sent.add(request.confirmUrl().orElseThrow());
            return Outcome.SENT;
        }

        @Override
        public IngestStats stats() {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public List<DeadLetter> deadLetters(Optional<String> source, int limit) {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public Optional<DeadLetter> deadLetter(long id) {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public IngestResult replay(long deadLetterId) {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public void discard(long deadLetterId, String note) {
            throw new UnsupportedOperationException("not part of these tests");
        }
    }

    private HttpResponse<String> get(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
