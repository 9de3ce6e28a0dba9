package org.tailor.consent.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.consent.ConfirmationRequest;
import org.tailor.api.consent.ConsentAdministration;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.consent.ConsentState;
import org.tailor.api.consent.LinkOutcome;
import org.tailor.api.consent.LinkOutcome.Result;
import org.tailor.api.consent.SubscriptionService;
import org.tailor.api.consent.UnknownPurposeException;
import org.tailor.api.consent.UnsubscribeLinks;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.LawfulBasis;
import org.tailor.api.store.UsedTokenStore;

/**
 * Double opt-in, unsubscribe and preference changes through signed links.
 *
 * <p>A link is checked (signature, kind, expiry, not used) before anything is recorded, and spent
 * after: so a withdrawal that could not be stored leaves the link usable for the mail client's retry,
 * and a replay of a link that worked changes nothing. Two copies of one link racing may both record
 * the same change, which is the same as recording it once.
 */
@Component(service = SubscriptionService.class, configurationPid = ConsentLedgerService.PID)
public final class SubscriptionLinks implements SubscriptionService {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionLinks.class);
    private static final int FORGET_EVERY = 1000;

    private final ConsentService consent;
    private final ConsentAdministration administration;
    private final UsedTokenStore used;
    private final LinkTokens tokens;
    private final ConsentTexts texts;
    private final String base;
    private final String mailbox;
    private final Duration confirmLifetime;
    private final Duration linkLifetime;
    private final Clock clock;
    private final AtomicLong spends = new AtomicLong();

    @Activate
    public SubscriptionLinks(ConsentConfig config, @Reference ConsentService consent,
                             @Reference ConsentAdministration administration, @Reference UsedTokenStore used,
                             @Reference ConsentKeys keys) {
        this(consent, administration, used, new LinkTokens(keys.tokenSigner()), ConsentTexts.of(config.texts_directory()),
                config.public_url(), config.unsubscribe_mailto(), Duration.ofHours(config.confirm_ttl_hours()),
                Duration.ofDays(config.link_ttl_days()), Clock.systemUTC());
    }

    SubscriptionLinks(ConsentService consent, ConsentAdministration administration, UsedTokenStore used,
                      LinkTokens tokens, ConsentTexts texts, String publicUrl, String mailbox,
                      Duration confirmLifetime, Duration linkLifetime, Clock clock) {
        URI url = URI.create(publicUrl.strip());
        if (!url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("public.url '" + publicUrl + "' must be an absolute http or https URL");
        }
        if (mailbox.isBlank() || !mailbox.contains("@") || mailbox.contains("?") || mailbox.contains(" ")) {
            throw new IllegalArgumentException("unsubscribe.mailto '" + mailbox + "' must be a plain address");
        }
        if (confirmLifetime.isNegative() || confirmLifetime.isZero() || linkLifetime.isNegative() || linkLifetime.isZero()) {
            throw new IllegalArgumentException("link lifetimes must be positive");
        }
        this.consent = consent;
        this.administration = administration;
        this.used = used;
        this.tokens = tokens;
        this.texts = texts;
        this.base = url.toString().replaceAll("/+$", "");
        this.mailbox = mailbox.strip();
        this.confirmLifetime = confirmLifetime;
        this.linkLifetime = linkLifetime;
        this.clock = clock;
    }

    @Override
    public ConfirmationRequest requestConfirmation(String profileId, String purpose, String source, String channel) {
        requireKnown(purpose);
        if (administration.current(profileId).get(purpose).granted()) {
            return new ConfirmationRequest(true, Optional.empty(), Optional.empty());
        }
        Instant now = clock.instant();
        consent.record(entry(profileId, purpose, ConsentStatus.PENDING, now, source, channel));
        Instant expires = now.plus(confirmLifetime);
        String token = tokens.sign(LinkToken.Kind.CONFIRM, profileId, purpose, "", expires);
        return new ConfirmationRequest(false, Optional.of(link("confirm", token)), Optional.of(expires));
    }

    @Override
    public LinkOutcome confirm(String token, String channel) {
        return follow(token, LinkToken.Kind.CONFIRM, link -> {
            consent.record(entry(link.profileId(), link.purpose(), ConsentStatus.GRANTED, clock.instant(),
                    "link:confirm", channel));
            return "Thank you: your subscription is confirmed.";
        });
    }

    @Override
    public UnsubscribeLinks unsubscribeLinks(String profileId, String purpose, String campaignId) {
        requireKnown(purpose);
        Instant expires = clock.instant().plus(linkLifetime);
        String unsubscribe = tokens.sign(LinkToken.Kind.UNSUBSCRIBE, profileId, purpose, campaignId, expires);
        String preferences = tokens.sign(LinkToken.Kind.PREFERENCES, profileId, "", campaignId, expires);
        URI oneClick = link("unsubscribe", unsubscribe);
        URI mailto = URI.create("mailto:" + mailbox + "?subject=unsubscribe-" + unsubscribe);
        return new UnsubscribeLinks("<" + oneClick + ">, <" + mailto + ">", UnsubscribeLinks.ONE_CLICK, oneClick, mailto,
                link("preferences", preferences));
    }

    @Override
    public LinkOutcome unsubscribe(String token, String channel) {
        return follow(token, LinkToken.Kind.UNSUBSCRIBE, link -> {
            consent.record(entry(link.profileId(), link.purpose(), ConsentStatus.WITHDRAWN, clock.instant(),
                    "link:unsubscribe" + (link.campaignId().isEmpty() ? "" : " from campaign " + link.campaignId()),
                    channel));
            return "You are unsubscribed. You will receive no more of these messages.";
        });
    }

    @Override
    public Optional<Map<String, ConsentStatus>> preferences(String token) {
        Optional<LinkToken> link = tokens.read(token).filter(t -> t.kind() == LinkToken.Kind.PREFERENCES)
                .filter(t -> clock.instant().isBefore(t.expiresAt()));
        if (link.isEmpty() || used.spent(link.get().id())) {
            return Optional.empty();
        }
        Map<String, ConsentStatus> states = new LinkedHashMap<>();
        administration.current(link.get().profileId()).forEach((purpose, state) -> states.put(purpose, state.status()));
        return Optional.of(states);
    }

    @Override
    public LinkOutcome changePreferences(String token, Map<String, Boolean> wanted, String channel) {
        for (String purpose : wanted.keySet()) {
            if (!administration.purposes().contains(purpose)) {
                return new LinkOutcome(Result.INVALID, "There is no choice called '" + purpose + "'.");
            }
        }
        List<String> next = new ArrayList<>();
        LinkOutcome outcome = follow(token, LinkToken.Kind.PREFERENCES, link -> {
            Map<String, ConsentState> current = administration.current(link.profileId());
            Instant now = clock.instant();
            List<ConsentRecord> changes = new ArrayList<>();
            wanted.forEach((purpose, grant) -> {
                if (grant != current.get(purpose).granted()) {
                    changes.add(entry(link.profileId(), purpose, grant ? ConsentStatus.GRANTED : ConsentStatus.WITHDRAWN,
                            now, "link:preferences", channel));
                }
            });
            consent.recordAll(changes);
            next.add(tokens.sign(LinkToken.Kind.PREFERENCES, link.profileId(), "", link.campaignId(),
                    now.plus(linkLifetime)));
            return changes.isEmpty() ? "Nothing changed." : "Your choices are saved.";
        });
        return next.isEmpty() ? outcome : new LinkOutcome(outcome.result(), outcome.message(), Optional.of(next.get(0)));
    }

    /** What a link does once it is known to be genuine, current and unused; returns the message for the person. */
    @FunctionalInterface
    private interface Action {
        String apply(LinkToken link);
    }

    private LinkOutcome follow(String token, LinkToken.Kind kind, Action action) {
        Optional<LinkToken> read = tokens.read(token);
        if (read.isEmpty() || read.get().kind() != kind) {
            return new LinkOutcome(Result.INVALID, "This link is not valid. Please use the link from your latest message.");
        }
        LinkToken link = read.get();
        Instant now = clock.instant();
        if (!now.isBefore(link.expiresAt())) {
            return new LinkOutcome(Result.EXPIRED, "This link has expired.");
        }
        try {
            if (used.spent(link.id())) {
                return new LinkOutcome(Result.ALREADY_USED, "This link was already used; nothing was changed.");
            }
            String message = action.apply(link);
            used.spend(link.id(), kind.name().toLowerCase(Locale.ROOT), now, link.expiresAt());
            if (spends.incrementAndGet() % FORGET_EVERY == 0) {
                // A used id is needed only until its token expires anyway; pruning now and then keeps the table small.
                used.forgetExpired(now);
            }
            return new LinkOutcome(Result.DONE, message);
        } catch (UnknownPurposeException e) {
            return new LinkOutcome(Result.INVALID, "This link is for a choice that no longer exists.");
        } catch (RuntimeException e) {
            LOG.warn("A {} link could not be followed; nothing was changed: {}", kind, e.toString());
            return new LinkOutcome(Result.UNAVAILABLE, "We could not record this right now. Please try again in a few minutes.");
        }
    }

    private ConsentRecord entry(String profileId, String purpose, ConsentStatus status, Instant at, String source,
                                String channel) {
        ConsentTexts.Text text = status == ConsentStatus.WITHDRAWN ? ConsentTexts.Text.NONE : texts.current(purpose);
        return new ConsentRecord(profileId, purpose, status, at, source, LawfulBasis.CONSENT, channel, text.version(),
                text.hash(), ConsentRecord.SUBJECT, Optional.empty());
    }

    private void requireKnown(String purpose) {
        if (!administration.purposes().contains(purpose)) {
            throw new UnknownPurposeException(purpose, administration.purposes());
        }
    }

    private URI link(String page, String token) {
        return URI.create(base + "/" + page + "?token=" + URLEncoder.encode(token, StandardCharsets.US_ASCII));
    }
}
