package org.tailor.runtime.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import org.tailor.api.consent.ConsentService;
import org.tailor.api.consent.SubscriptionService;
import org.tailor.api.content.ContentRenderer;
import org.tailor.api.content.ExplainedMessage;
import org.tailor.api.content.RenderException;
import org.tailor.api.delivery.CampaignProgress;
import org.tailor.api.delivery.CampaignService;
import org.tailor.api.delivery.SendReport;
import org.tailor.api.delivery.Transport;
import org.tailor.api.model.Campaign;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.model.RenderedMessage;
import org.tailor.api.segment.SegmentService;
import org.tailor.api.store.OutboxStore;
import org.tailor.api.store.ProfileStore;

/**
 * Campaigns from files, sent through the durable outbox and relayed to the configured transport.
 */
@Component(service = CampaignService.class, configurationPid = "org.tailor.runtime", immediate = true)
@Designate(ocd = OutboxCampaignServiceConfig.class)
public class OutboxCampaignService implements CampaignService {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxCampaignService.class);

    private final SegmentService segments;
    private final ContentRenderer renderer;
    private final ConsentService consent;
    private final ProfileStore profiles;
    private final OutboxStore outbox;
    private final String transportName;
    private final int batchSize;
    private final SendRules rules;
    private final OutboxRelay.Lease lease;
    private final CampaignDefinitions definitions;
    private final PersonalizedMessages messages;
    /** Null when Jakarta Mail has no implementation; {@link #mailProblem} then says why. */
    private final MimeMessageBuilder builder;
    private final String mailProblem;
    private final TransportSelector transports = new TransportSelector();
    private final Set<String> sending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scanner;

    @Activate
    public OutboxCampaignService(OutboxCampaignServiceConfig config,
                                 @Reference SegmentService segments,
                                 @Reference ContentRenderer renderer,
                                 @Reference ConsentService consent,
                                 @Reference SubscriptionService subscriptions,
                                 @Reference ProfileStore profiles,
                                 @Reference OutboxStore outbox) {
        this.segments = segments;
        this.renderer = renderer;
        this.consent = consent;
        this.profiles = profiles;
        this.outbox = outbox;
        this.transportName = config.transport().strip();
        this.batchSize = Math.max(1, config.relay_batch_size());
        ZoneId zone = zone(config.default_time_zone());
        this.rules = new SendRules(new RenderFailureLimit(Math.max(0, config.render_failures_pause_percent()),
                Math.max(1, config.render_failures_pause_minimum())), QuietHours.parse(config.quiet_hours(), zone),
                new FrequencyCap(config.frequency_cap_messages(), Duration.ofDays(Math.max(1, config.frequency_cap_days()))));
        this.lease = new OutboxRelay.Lease(NodeName.current(), Duration.ofSeconds(Math.max(1, config.relay_lease_seconds())),
                Clock.systemUTC());
        this.messages = new PersonalizedMessages(renderer, subscriptions);

        MimeMessageBuilder created = null;
        String problem = null;
        try {
            created = MimeMessageBuilder.create();
        } catch (IllegalStateException e) {
            problem = e.getMessage();
            LOG.error("Campaigns cannot be sent: {}", problem);
        }
        this.builder = created;
        this.mailProblem = problem;

        this.definitions = new CampaignDefinitions(KarafPaths.underEtc(config.campaigns_directory(), "tailor/campaigns"));
        definitions.scan();
        long interval = config.scan_interval_ms();
        long relayInterval = config.relay_interval_seconds();
        if (interval > 0 || relayInterval > 0) {
            scanner = DaemonThreads.scheduler("tailor-campaign-scan");
            if (interval > 0) {
                scanner.scheduleWithFixedDelay(this::rescan, interval, interval, TimeUnit.MILLISECONDS);
            }
            if (relayInterval > 0) {
                scanner.scheduleWithFixedDelay(this::relayDueQuietly, relayInterval, relayInterval, TimeUnit.SECONDS);
            }
        } else {
            scanner = null;
        }
    }

    @Deactivate
    void deactivate() {
        if (scanner != null) {
            scanner.shutdownNow();
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

    private void rescan() {
        try {
            definitions.scan();
        } catch (RuntimeException e) {
            // The scheduler would silently stop rescanning after an uncaught exception.
            LOG.error("Scanning campaign definitions in {} failed", definitions.directory(), e);
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id.strip());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("default.time.zone '" + id + "' is not a time zone", e);
        }
    }

    /**
     * Relays what is due and not being sent now: messages held for quiet hours, and those a node
     * that stopped was holding once its lease ran out. Only campaigns this runtime knows: other
     * senders (confirmations, triggers) relay their own.
     *
     * @return messages delivered
     */
    long relayDue() {
        Transport transport = transports.select(transportName).orElse(null);
        if (transport == null) {
            return 0;
        }
        long delivered = 0;
        for (String campaignId : outbox.campaignsWithDue(lease.clock().instant())) {
            if (definitions.find(campaignId).isEmpty() || !sending.add(campaignId)) {
                continue;
            }
            try {
                ProblemLines problems = new ProblemLines();
                delivered += new OutboxRelay(outbox, transport, batchSize, lease).relay(campaignId, problems).delivered();
                problems.toList().forEach(p -> LOG.warn("Relaying due messages of {}: {}", campaignId, p));
            } finally {
                sending.remove(campaignId);
            }
        }
        return delivered;
    }

    private void relayDueQuietly() {
        try {
            relayDue();
        } catch (RuntimeException e) {
            // The scheduler would silently stop relaying after an uncaught exception.
            LOG.warn("Relaying due messages failed; will try again: {}", e.toString());
        }
    }

    /** Campaign files that did not load and why, and whether mail can be built at all; never null. */
    public List<String> problems() {
        List<String> fileProblems = definitions.problems();
        return mailProblem == null ? fileProblems
                : java.util.stream.Stream.concat(java.util.stream.Stream.of(mailProblem), fileProblems.stream()).toList();
    }

    @Override
    public List<Campaign> campaigns() {
        return definitions.all().stream().map(CampaignDefinition::campaign)
                .sorted(java.util.Comparator.comparing(Campaign::id)).toList();
    }

    @Override
    public Optional<Campaign> campaign(String id) {
        return definitions.find(id).map(CampaignDefinition::campaign);
    }

    @Override
    public RenderedMessage preview(String campaignId, Identity person) throws RenderException {
        CampaignDefinition definition = definition(campaignId);
        Profile profile = profiles.findByIdentity(person)
                .orElseThrow(() -> new IllegalArgumentException("no profile has the identity " + person.namespace() + ":…"));
        return messages.preview(definition, profile);
    }

    @Override
    public ExplainedMessage explainPreview(String campaignId, String profileId) throws RenderException {
        CampaignDefinition definition = definition(campaignId);
        Profile profile = profiles.find(profileId)
                .orElseThrow(() -> new IllegalArgumentException("there is no profile " + profileId));
        return messages.explain(definition, profile);
    }

    @Override
    public List<String> why(String campaignId, String profileId) {
        CampaignDefinition definition = definition(campaignId);
        Profile profile = profiles.find(profileId)
                .orElseThrow(() -> new IllegalArgumentException("there is no profile " + profileId));
        return new RecipientStory(definition, segments, consent, outbox, rules, lease.clock()).tell(profile);
    }

    @Override
    public CampaignProgress progress(String campaignId) {
        definition(campaignId);
        return new CampaignProgress(campaignId, outbox.counts(campaignId), outbox.handedOutAgain(campaignId));
    }

    @Override
    public SendReport send(String campaignId) {
        CampaignDefinition definition = definition(campaignId);
        if (!sending.add(campaignId)) {
            throw new IllegalStateException("campaign '" + campaignId + "' is already being sent; try again when that send has finished");
        }
        try {
            Transport transport = checkReady(definition);
            return new CampaignSend(definition, segments, consent, outbox, messages, builder,
                    new OutboxRelay(outbox, transport, batchSize, lease), Clock.systemUTC(), rules).run();
        } finally {
            sending.remove(campaignId);
        }
    }

    private CampaignDefinition definition(String campaignId) {
        return definitions.find(campaignId).orElseThrow(() -> new IllegalArgumentException(
                "unknown campaign '" + campaignId + "'; loaded campaigns: "
                        + definitions.all().stream().map(CampaignDefinition::id).sorted().toList()));
    }

    private Transport checkReady(CampaignDefinition definition) {
        if (builder == null) {
            throw new IllegalStateException("cannot build mail: " + mailProblem);
        }
        Campaign campaign = definition.campaign();
        if (segments.segment(campaign.segmentId()).isEmpty()) {
            throw new IllegalStateException("campaign '" + campaign.id() + "' uses segment '" + campaign.segmentId()
                    + "', which is not loaded (see the segment problems)");
        }
        if (!renderer.templates().contains(campaign.templateId())) {
            throw new IllegalStateException("campaign '" + campaign.id() + "' uses template '" + campaign.templateId()
                    + "', which is not loaded (see the template problems)");
        }
        return transports.select(transportName).orElseThrow(() -> new IllegalStateException(
                "no transport named '" + transportName + "' is registered (registered: " + transports.names() + ")"));
    }
}
