package org.tailor.runtime.internal;

import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.consent.ConfirmationRequest;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.consent.SubscriptionService;
import org.tailor.api.consent.SuppressionList;
import org.tailor.api.delivery.ConfirmationMailer;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.OutboxStatus;
import org.tailor.api.delivery.Transport;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.Profile;
import org.tailor.api.model.RenderedMessage;
import org.tailor.api.store.OutboxStore;
import org.tailor.api.store.ProfileStore;

/**
 * Double opt-in messages through the same durable outbox as campaigns, under the outbox campaign
 * {@value #CAMPAIGN_ID}: written before they are relayed, so a transport that is down delays a
 * confirmation but never loses it.
 */
@Component(service = ConfirmationMailer.class, configurationPid = OutboxConfirmationMailer.PID, immediate = true)
@Designate(ocd = ConfirmationMailerConfig.class)
public class OutboxConfirmationMailer implements ConfirmationMailer {

    static final String PID = "org.tailor.runtime.confirmation";
    static final String CAMPAIGN_ID = "confirmations";

    private static final Logger LOG = LoggerFactory.getLogger(OutboxConfirmationMailer.class);
    private static final int RELAY_BATCH = 100;
    private static final Duration RELAY_LEASE = Duration.ofMinutes(5);

    private final SubscriptionService subscriptions;
    private final ConsentService consent;
    private final SuppressionList suppressions;
    private final ProfileStore profiles;
    private final OutboxStore outbox;
    private final Clock clock;
    private final String fromAddress;
    private final String transportName;
    private final Duration interval;
    private final ConfirmationMessage message;
    private final TransportSelector transports = new TransportSelector();
    /** One request at a time, so that two concurrent sign-ups of one person cannot both pass the interval check. */
    private final ReentrantLock requests = new ReentrantLock();
    /** One relay at a time: two relays reading the same pending entry would hand it to the transport twice. */
    private final ReentrantLock relaying = new ReentrantLock();
    private final ScheduledExecutorService retries;
    private volatile MimeMessageBuilder builder;

    @Activate
    public OutboxConfirmationMailer(ConfirmationMailerConfig config,
                                    @Reference SubscriptionService subscriptions,
                                    @Reference ConsentService consent,
                                    @Reference SuppressionList suppressions,
                                    @Reference ProfileStore profiles,
                                    @Reference OutboxStore outbox) {
        this(config, subscriptions, consent, suppressions, profiles, outbox, Clock.systemUTC());
    }

    OutboxConfirmationMailer(ConfirmationMailerConfig config, SubscriptionService subscriptions, ConsentService consent,
                             SuppressionList suppressions, ProfileStore profiles, OutboxStore outbox, Clock clock) {
        this.subscriptions = subscriptions;
        this.consent = consent;
        this.suppressions = suppressions;
        this.profiles = profiles;
        this.outbox = outbox;
        this.clock = clock;
        this.fromAddress = config.from_address().strip();
        this.transportName = config.transport().strip();
        this.interval = Duration.ofMinutes(Math.max(0, config.interval_minutes()));
        this.message = new ConfirmationMessage(config.subject(), config.text());
        long retry = config.retry_seconds();
        if (retry > 0) {
            retries = DaemonThreads.scheduler("tailor-confirmation-retry");
            retries.scheduleWithFixedDelay(this::retryPending, retry, retry, TimeUnit.SECONDS);
        } else {
            retries = null;
        }
    }

    @Deactivate
    void deactivate() {
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    @Reference(service = Transport.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeTransport")
    void addTransport(Transport transport, Map<String, Object> properties) {
        transports.add(transport, properties);
    }

    void removeTransport(Transport transport) {
        transports.remove(transport);
    }

    @Override
    public Outcome requestConfirmation(String profileId, String purpose, String source, String channel) {
        Profile profile = profiles.find(profileId)
                .orElseThrow(() -> new IllegalArgumentException("no profile has the id " + profileId));
        Optional<String> email = profile.email();
        if (email.isEmpty()) {
            return Outcome.NO_ADDRESS;
        }
        if (suppressions.find(email.get()).isPresent()) {
            LOG.info("No confirmation for {} to profile {}: the address is suppressed", purpose, profileId);
            return Outcome.SUPPRESSED;
        }
        MimeMessageBuilder mail = builder();
        Transport transport = transport();
        requests.lock();
        try {
            Instant now = clock.instant();
            if (consent.check(profileId, purpose).allowed()) {
                return Outcome.ALREADY_CONFIRMED;
            }
            if (askedSince(profileId, purpose, now.minus(interval))) {
                return Outcome.RECENTLY_SENT;
            }
            ConfirmationRequest request = subscriptions.requestConfirmation(profileId, purpose, source, channel);
            if (request.alreadyConfirmed()) {
                return Outcome.ALREADY_CONFIRMED;
            }
            Instant expires = request.expiresAt().orElseThrow();
            RenderedMessage rendered = message.render(profileId, email.get(), purpose, request.confirmUrl().orElseThrow(), expires);
            String key = IdempotencyKeys.of(CAMPAIGN_ID, profileId, purpose, expires.toString());
            byte[] mime = mail.build(rendered, new MimeMessageBuilder.Envelope(CAMPAIGN_ID, fromAddress, key, Optional.empty(), now));
            outbox.enqueue(new OutboxEntry(key, CAMPAIGN_ID, profileId, email.get(), mime, OutboxStatus.PENDING, now, ""));
        } catch (MessagingException e) {
            // Recorded as pending without a message: the person can sign up again once the address is fixed.
            throw new IllegalArgumentException("profile " + profileId + " has an email address that is not a valid "
                    + "RFC 5322 address", e);
        } finally {
            requests.unlock();
        }
        return relay(transport).interrupted() ? Outcome.QUEUED : Outcome.SENT;
    }

    /** Whether a confirmation for the purpose was asked for after the instant: pending entries record each ask. */
    private boolean askedSince(String profileId, String purpose, Instant after) {
        return consent.history(profileId).stream()
                .anyMatch(r -> r.purpose().equals(purpose) && r.status() == ConsentStatus.PENDING && r.recordedAt().isAfter(after));
    }

    private void retryPending() {
        try {
            if (outbox.counts(CAMPAIGN_ID).getOrDefault(OutboxStatus.PENDING, 0L) > 0) {
                transports.select(transportName).ifPresent(this::relay);
            }
        } catch (RuntimeException e) {
            // The scheduler would silently stop retrying after an uncaught exception.
            LOG.warn("Relaying pending confirmations failed; trying again later: {}", e.toString());
        }
    }

    private OutboxRelay.Result relay(Transport transport) {
        relaying.lock();
        try {
            ProblemLines problems = new ProblemLines();
            OutboxRelay.Result result = new OutboxRelay(outbox, transport, RELAY_BATCH,
                    new OutboxRelay.Lease(NodeName.current(), RELAY_LEASE, clock)).relay(CAMPAIGN_ID, problems);
            problems.toList().forEach(p -> LOG.warn("Confirmations: {}", p));
            return result;
        } finally {
            relaying.unlock();
        }
    }

    private Transport transport() {
        return transports.select(transportName).orElseThrow(() -> new IllegalStateException(
                "no transport named '" + transportName + "' is registered (registered: " + transports.names() + ")"));
    }

    private MimeMessageBuilder builder() {
        MimeMessageBuilder current = builder;
        if (current == null) {
            current = MimeMessageBuilder.create(); // throws IllegalStateException saying what is missing
            builder = current;
        }
        return current;
    }
}
