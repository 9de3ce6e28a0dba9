package org.tailor.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tailor.consent.internal.ConsentFixture.T0;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.consent.ConfirmationRequest;
import org.tailor.api.consent.LinkOutcome.Result;
import org.tailor.api.consent.UnknownPurposeException;
import org.tailor.api.consent.UnsubscribeLinks;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;

class SubscriptionLinksTest {

    @TempDir
    Path texts;

    private final ConsentFixture fixture = new ConsentFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    SubscriptionLinks links() {
        return links(fixture.keys);
    }

    SubscriptionLinks links(ConsentKeys keys) {
        return new SubscriptionLinks(fixture.ledger, fixture.ledger, fixture.stores.tokens,
                new LinkTokens(keys.tokenSigner()), new ConsentTexts(texts), "https://news.example.com/tailor/consent/",
                "unsubscribe@news.example.com", Duration.ofHours(72), Duration.ofDays(90), fixture.clock);
    }

    @Test
    void doubleOptInRecordsPendingWithTheTextThenGrantedOnce() throws Exception {
        Files.writeString(texts.resolve("email_marketing.txt"), "version: 2026-01\nWe will send you our newsletter.\n");
        SubscriptionLinks links = links();
        ConfirmationRequest request = links.requestConfirmation("p1", ConsentRecord.EMAIL_MARKETING, "form:/signup", "web");
        assertThat(request.alreadyConfirmed()).isFalse();
        assertThat(request.confirmUrl().orElseThrow().toString()).startsWith("https://news.example.com/tailor/consent/confirm?token=");
        assertThat(request.expiresAt()).contains(T0.plus(Duration.ofHours(72)));
        ConsentRecord pending = fixture.ledger.history("p1").get(0);
        assertThat(pending.status()).isEqualTo(ConsentStatus.PENDING);
        assertThat(pending.textVersion()).isEqualTo("2026-01");
        assertThat(pending.textHash()).isEqualTo(ConsentRecord.textHash(
                "version: 2026-01\nWe will send you our newsletter.\n"));
        assertThat(fixture.ledger.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();

        String token = token(request.confirmUrl().orElseThrow());
        fixture.clock.advance(Duration.ofMinutes(5));
        assertThat(links.confirm(token, "web").result()).isEqualTo(Result.DONE);
        assertThat(fixture.ledger.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isTrue();
        assertThat(links.confirm(token, "web").result()).as("replayed").isEqualTo(Result.ALREADY_USED);
        assertThat(fixture.ledger.history("p1")).hasSize(2);
    }

    @Test
    void subscribingAgainLeavesAConfirmedSubscriberConfirmed() {
        SubscriptionLinks links = links();
        String token = token(links.requestConfirmation("p1", ConsentRecord.EMAIL_MARKETING, "form", "web")
                .confirmUrl().orElseThrow());
        fixture.clock.advance(Duration.ofMinutes(3));
        links.confirm(token, "web");
        fixture.clock.advance(Duration.ofDays(1));

        ConfirmationRequest again = links.requestConfirmation("p1", ConsentRecord.EMAIL_MARKETING, "form", "web");
        assertThat(again.alreadyConfirmed()).isTrue();
        assertThat(again.confirmUrl()).isEmpty();
        assertThat(fixture.ledger.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isTrue();
        assertThat(fixture.ledger.history("p1")).extracting(ConsentRecord::status)
                .containsExactly(ConsentStatus.PENDING, ConsentStatus.GRANTED);
    }

    @Test
    void headersFollowRfc8058AndTheLinkWithdrawsOnce() {
        fixture.ledger.record(new ConsentRecord("p1", ConsentRecord.EMAIL_MARKETING, ConsentStatus.GRANTED, T0, "csv"));
        SubscriptionLinks links = links();
        UnsubscribeLinks headers = links.unsubscribeLinks("p1", ConsentRecord.EMAIL_MARKETING, "spring");
        assertThat(headers.listUnsubscribePost()).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(headers.listUnsubscribe()).matches(
                "<https://news\\.example\\.com/tailor/consent/unsubscribe\\?token=[A-Za-z0-9_.\\-]+>, "
                        + "<mailto:unsubscribe@news\\.example\\.com\\?subject=unsubscribe-[A-Za-z0-9_.\\-]+>");
        assertThat(links.unsubscribeLinks("p1", ConsentRecord.EMAIL_MARKETING, "spring").oneClickUrl())
                .as("a new token per message").isNotEqualTo(headers.oneClickUrl());

        String token = token(headers.oneClickUrl());
        assertThat(links.unsubscribe(token, "one_click").result()).isEqualTo(Result.DONE);
        assertThat(fixture.ledger.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
        ConsentRecord withdrawal = fixture.ledger.history("p1").get(1);
        assertThat(withdrawal.source()).isEqualTo("link:unsubscribe from campaign spring");
        assertThat(withdrawal.channel()).isEqualTo("one_click");
        assertThat(withdrawal.actor()).isEqualTo(ConsentRecord.SUBJECT);

        // The person subscribes again; the old link, replayed, must not undo that.
        fixture.ledger.record(new ConsentRecord("p1", ConsentRecord.EMAIL_MARKETING, ConsentStatus.GRANTED,
                T0.plusSeconds(60), "form"));
        assertThat(links.unsubscribe(token, "one_click").result()).isEqualTo(Result.ALREADY_USED);
        assertThat(fixture.ledger.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isTrue();
    }

    @Test
    void forgedAlteredAndForeignTokensAreRefused() {
        fixture.ledger.record(new ConsentRecord("p1", ConsentRecord.EMAIL_MARKETING, ConsentStatus.GRANTED, T0, "csv"));
        SubscriptionLinks links = links();
        String genuine = token(links.unsubscribeLinks("p1", ConsentRecord.EMAIL_MARKETING, "spring").oneClickUrl());
        String payload = genuine.substring(0, genuine.indexOf('.'));
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.ISO_8859_1)
                        .replace("p1", "p2").getBytes(StandardCharsets.ISO_8859_1)) + genuine.substring(genuine.indexOf('.'));
        String otherKey = token(links(new ConsentKeys(ConsentFixture.SUPPRESSION_KEY,
                "a-different-installation-key-of-32-bytes".getBytes())).unsubscribeLinks("p1",
                ConsentRecord.EMAIL_MARKETING, "spring").oneClickUrl());

        for (String forged : List.of(altered, otherKey, "", "x.y", genuine + "A", payload, "..")) {
            assertThat(links.unsubscribe(forged, "one_click").result()).as(forged).isEqualTo(Result.INVALID);
        }
        assertThat(links.unsubscribe(null, "one_click").result()).isEqualTo(Result.INVALID);
        assertThat(links.confirm(genuine, "web").result()).as("an unsubscribe link cannot confirm").isEqualTo(Result.INVALID);
        assertThat(fixture.ledger.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isTrue();
    }

    @Test
    void anExpiredLinkChangesNothing() {
        SubscriptionLinks links = links();
        String token = token(links.requestConfirmation("p1", ConsentRecord.EMAIL_MARKETING, "form", "web")
                .confirmUrl().orElseThrow());
        fixture.clock.advance(Duration.ofHours(72));
        assertThat(links.confirm(token, "web").result()).isEqualTo(Result.EXPIRED);
        assertThat(fixture.ledger.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
    }

    @Test
    void aWithdrawalThatCannotBeStoredLeavesTheLinkUsableForTheRetry() {
        fixture.ledger.record(new ConsentRecord("p1", ConsentRecord.EMAIL_MARKETING, ConsentStatus.GRANTED, T0, "csv"));
        SubscriptionLinks links = links();
        String token = token(links.unsubscribeLinks("p1", ConsentRecord.EMAIL_MARKETING, "spring").oneClickUrl());
        fixture.consentStore.broken.set(true);
        assertThat(links.unsubscribe(token, "one_click").result()).isEqualTo(Result.UNAVAILABLE);
        fixture.consentStore.broken.set(false);
        assertThat(links.unsubscribe(token, "one_click").result()).isEqualTo(Result.DONE);
        assertThat(fixture.ledger.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
    }

    @Test
    void thePreferencePageChangesOnlyWhatDiffersAndHandsOnANewLink() {
        fixture.ledger.record(new ConsentRecord("p1", ConsentRecord.EMAIL_MARKETING, ConsentStatus.GRANTED, T0, "csv"));
        SubscriptionLinks links = links();
        String token = token(links.unsubscribeLinks("p1", ConsentRecord.EMAIL_MARKETING, "spring").preferencesUrl());
        assertThat(links.preferences(token).orElseThrow()).containsEntry(ConsentRecord.EMAIL_MARKETING, ConsentStatus.GRANTED)
                .containsEntry(ConsentRecord.ANALYTICS, ConsentStatus.DENIED);

        var outcome = links.changePreferences(token, Map.of(ConsentRecord.EMAIL_MARKETING, true,
                ConsentRecord.ANALYTICS, true, ConsentRecord.PERSONALIZATION, false), "web");
        assertThat(outcome.result()).isEqualTo(Result.DONE);
        assertThat(fixture.ledger.history("p1")).extracting(ConsentRecord::purpose)
                .containsExactly(ConsentRecord.EMAIL_MARKETING, ConsentRecord.ANALYTICS);
        assertThat(links.preferences(token)).as("a used link shows nothing").isEmpty();
        assertThat(links.changePreferences(token, Map.of(ConsentRecord.ANALYTICS, false), "web").result())
                .isEqualTo(Result.ALREADY_USED);

        String next = outcome.nextToken().orElseThrow();
        assertThat(links.changePreferences(next, Map.of(ConsentRecord.ANALYTICS, false), "web").result())
                .isEqualTo(Result.DONE);
        assertThat(fixture.ledger.check("p1", ConsentRecord.ANALYTICS).allowed()).isFalse();
        assertThat(links.changePreferences(next, Map.of("sms", true), "web").result()).isEqualTo(Result.INVALID);
    }

    @Test
    void linksAreOnlyMadeForKnownPurposes() {
        assertThatThrownBy(() -> links().unsubscribeLinks("p1", "sms", "spring")).isInstanceOf(UnknownPurposeException.class);
        assertThatThrownBy(() -> links().requestConfirmation("p1", "sms", "form", "web"))
                .isInstanceOf(UnknownPurposeException.class);
    }

    static String token(URI link) {
        String query = link.getRawQuery() != null ? link.getRawQuery() : link.getRawSchemeSpecificPart();
        int at = query.indexOf("token=");
        return java.net.URLDecoder.decode(query.substring(at + "token=".length()), StandardCharsets.US_ASCII);
    }
}
