package org.tailor.runtime.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.tailor.api.consent.ConsentDecision;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.content.ContentRenderer;
import org.tailor.api.content.RenderException;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.OutboxStatus;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.model.RenderedMessage;
import org.tailor.api.model.SegmentDefinition;
import org.tailor.api.segment.SegmentService;
import org.tailor.api.store.OutboxStore;
import org.tailor.api.store.ProfileStore;

/** In-memory stand-ins for the services other bundles provide. */
final class Fakes {

    private Fakes() {
    }

    static Profile profile(String id, String email, Map<String, Object> attributes) {
        Set<Identity> identities = new HashSet<>();
        identities.add(new Identity(Identity.CUSTOMER_ID, "C-" + id));
        if (email != null) {
            identities.add(new Identity(Identity.EMAIL, email));
        }
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new Profile(id, identities, attributes, t, t);
    }

    static class Segments implements SegmentService {
        final Map<String, List<Profile>> members = new HashMap<>();

        @Override
        public List<SegmentDefinition> segments() {
            return members.keySet().stream().map(id -> new SegmentDefinition(id, id, "", "test")).toList();
        }

        @Override
        public Optional<SegmentDefinition> segment(String id) {
            return members.containsKey(id) ? Optional.of(new SegmentDefinition(id, id, "", "test")) : Optional.empty();
        }

        @Override
        public List<String> problems() {
            return List.of();
        }

        @Override
        public boolean isMember(String segmentId, Profile profile) {
            return members.getOrDefault(segmentId, List.of()).contains(profile);
        }

        @Override
        public long forEachMember(String segmentId, Consumer<Profile> visitor) {
            List<Profile> list = members.get(segmentId);
            if (list == null) {
                throw new IllegalArgumentException("unknown segment " + segmentId);
            }
            list.forEach(visitor);
            return list.size();
        }

        @Override
        public org.tailor.api.segment.ExplainStep explain(String segmentId, org.tailor.api.model.Profile profile) {
            boolean member = isMember(segmentId, profile);
            return new org.tailor.api.segment.ExplainStep("segment " + segmentId, "", member, List.of());
        }

        @Override
        public long size(String segmentId) {
            return members.getOrDefault(segmentId, List.of()).size();
        }

        @Override
        public org.tailor.api.segment.MembershipUpdate recompute(String segmentId) {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public SegmentDefinition snapshot(String segmentId, String snapshotId) {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public List<org.tailor.api.segment.MembershipChange> changes(String segmentId, Instant since, int limit) {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public Set<String> segmentsOf(String profileId) {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public SegmentDefinition save(String fileName, String content) {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public boolean delete(String segmentId) {
            throw new UnsupportedOperationException("not part of these tests");
        }
    }

    /** Subject "Hallo <first_name>", bodies that include the unsubscribe URL; fails where told. */
    static final class Renderer implements ContentRenderer {
        final Set<String> templates = new HashSet<>(Set.of("outdoor"));
        final Predicate<Profile> fails;
        final List<String> renderedFor = new CopyOnWriteArrayList<>();
        final List<Map<String, Object>> variables = new CopyOnWriteArrayList<>();

        Renderer(Predicate<Profile> fails) {
            this.fails = fails;
        }

        @Override
        public List<String> templates() {
            return List.copyOf(templates);
        }

        @Override
        public List<String> problems() {
            return List.of();
        }

        @Override
        public org.tailor.api.content.ExplainedMessage explain(String templateId, Profile profile, String recipient,
                                                               Map<String, Object> vars) throws RenderException {
            return new org.tailor.api.content.ExplainedMessage(render(templateId, profile, recipient, vars), List.of(),
                    List.of(), "all attributes");
        }

        @Override
        public RenderedMessage render(String templateId, Profile profile, String recipient, Map<String, Object> vars)
                throws RenderException {
            if (!templates.contains(templateId)) {
                throw new RenderException("unknown template " + templateId);
            }
            renderedFor.add(profile.id());
            variables.add(vars);
            if (fails.test(profile)) {
                throw new RenderException("templates/" + templateId + "/subject.vm:1:8: $profile.nope is undefined");
            }
            Object name = profile.attributes().getOrDefault("first_name", "there");
            return new RenderedMessage(profile.id(), recipient, "Hallo " + name + " – Frühling!",
                    "<p>Grüße, " + name + "</p><a href=\"" + vars.get("unsubscribe_url") + "\">abmelden</a>",
                    "Grüße, " + name + "\nAbmelden: " + vars.get("unsubscribe_url"));
        }
    }

    static final class Consent implements ConsentService {
        final Set<String> granted = ConcurrentHashMap.newKeySet();
        boolean throwing;
        /** After this many checks the store "goes down": answers are unavailable. */
        int availableChecks = Integer.MAX_VALUE;
        private final java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public ConsentDecision check(String profileId, String purpose) {
            if (throwing) {
                throw new IllegalStateException("database is down");
            }
            if (checks.incrementAndGet() > availableChecks) {
                return ConsentDecision.unavailable("the consent store did not answer");
            }
            return granted.contains(profileId + "/" + purpose)
                    ? ConsentDecision.allow("granted") : ConsentDecision.deny("no record");
        }

        @Override
        public void record(ConsentRecord record) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ConsentRecord> history(String profileId) {
            return List.of();
        }
    }

    /**
     * Links as the consent service makes them: one new token per call, here a counter with the
     * person, purpose and campaign, so tests can see which links went where.
     */
    static final class Subscriptions implements org.tailor.api.consent.SubscriptionService {
        final List<String> issued = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public org.tailor.api.consent.UnsubscribeLinks unsubscribeLinks(String profileId, String purpose, String campaignId) {
            String token = "t" + (issued.size() + 1) + "." + profileId + "." + purpose + "." + campaignId;
            issued.add(token);
            java.net.URI oneClick = java.net.URI.create("https://shop.example.com/tailor/consent/unsubscribe?token=" + token);
            java.net.URI mailto = java.net.URI.create("mailto:unsubscribe@shop.example.com?subject=unsubscribe-" + token);
            return new org.tailor.api.consent.UnsubscribeLinks("<" + oneClick + ">, <" + mailto + ">",
                    org.tailor.api.consent.UnsubscribeLinks.ONE_CLICK, oneClick, mailto,
                    java.net.URI.create("https://shop.example.com/tailor/consent/preferences?token=" + token));
        }

        @Override
        public org.tailor.api.consent.ConfirmationRequest requestConfirmation(String profileId, String purpose, String source,
                                                                           String channel) {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public org.tailor.api.consent.LinkOutcome confirm(String token, String channel) {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public org.tailor.api.consent.LinkOutcome unsubscribe(String token, String channel) {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public Optional<Map<String, org.tailor.api.model.ConsentStatus>> preferences(String token) {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public org.tailor.api.consent.LinkOutcome changePreferences(String token, Map<String, Boolean> wanted, String channel) {
            throw new UnsupportedOperationException("not part of these tests");
        }
    }

    static final class Profiles implements ProfileStore {
        final Map<String, Profile> byId = new LinkedHashMap<>();

        void add(Collection<Profile> profiles) {
            profiles.forEach(p -> byId.put(p.id(), p));
        }

        @Override
        public Optional<Profile> find(String profileId) {
            return Optional.ofNullable(byId.get(profileId));
        }

        @Override
        public Optional<Profile> findByIdentity(Identity identity) {
            return byId.values().stream().filter(p -> p.identities().contains(identity)).findFirst();
        }

        @Override
        public void save(Profile profile) {
            byId.put(profile.id(), profile);
        }

        @Override
        public long count() {
            return byId.size();
        }

        @Override
        public void forEach(Consumer<Profile> visitor) {
            byId.values().forEach(visitor);
        }

        @Override
        public org.tailor.api.model.ProfileMerge merge(String survivorId, String absorbedId, String reason, Instant at) {
            throw new UnsupportedOperationException("merges are not part of these tests");
        }

        @Override
        public org.tailor.api.model.ProfileMerge unmerge(String mergeId, Instant at) {
            throw new UnsupportedOperationException("merges are not part of these tests");
        }

        @Override
        public List<org.tailor.api.model.ProfileMerge> merges(String profileId) {
            return List.of();
        }

        @Override
        public Optional<org.tailor.api.model.ProfileMerge> findMerge(String mergeId) {
            return Optional.empty();
        }
    }

    static final class Outbox implements OutboxStore {
        private final Map<String, OutboxEntry> entries = new LinkedHashMap<>();

        @Override
        public synchronized boolean enqueue(OutboxEntry entry) {
            return entries.putIfAbsent(entry.idempotencyKey(), entry) == null;
        }

        @Override
        public synchronized List<OutboxEntry> pending(String campaignId, int limit) {
            return entries.values().stream()
                    .filter(e -> e.campaignId().equals(campaignId) && e.status() == OutboxStatus.PENDING)
                    .limit(limit).toList();
        }

        /** Key to the instant its lease runs out; an entry absent here is not held. */
        private final Map<String, Instant> leases = new HashMap<>();
        private final Map<String, Integer> handOuts = new HashMap<>();

        @Override
        public synchronized List<OutboxEntry> claim(String campaignId, String node, Instant now, java.time.Duration lease,
                                                    int limit) {
            List<OutboxEntry> claimed = entries.values().stream()
                    .filter(e -> e.campaignId().equals(campaignId) && e.status() == OutboxStatus.PENDING)
                    .filter(e -> !e.notBefore().isAfter(now))
                    .filter(e -> !leases.containsKey(e.idempotencyKey()) || leases.get(e.idempotencyKey()).isBefore(now))
                    .limit(limit).toList();
            claimed.forEach(e -> {
                leases.put(e.idempotencyKey(), now.plus(lease));
                handOuts.merge(e.idempotencyKey(), 1, Integer::sum);
            });
            return claimed;
        }

        @Override
        public synchronized Optional<OutboxEntry> find(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        @Override
        public synchronized void release(String key) {
            leases.remove(key);
        }

        @Override
        public synchronized long handedOutAgain(String campaignId) {
            return entries.values().stream()
                    .filter(e -> e.campaignId().equals(campaignId) && handOuts.getOrDefault(e.idempotencyKey(), 0) > 1).count();
        }

        @Override
        public synchronized List<String> campaignsWithDue(Instant now) {
            return entries.values().stream().filter(e -> e.status() == OutboxStatus.PENDING && !e.notBefore().isAfter(now))
                    .map(OutboxEntry::campaignId).distinct().sorted().toList();
        }

        @Override
        public synchronized Map<String, Long> recentPerProfile(Instant since, Set<String> exceptCampaigns) {
            Map<String, Long> counts = new HashMap<>();
            entries.values().stream()
                    .filter(e -> !e.createdAt().isBefore(since) && e.status() != OutboxStatus.FAILED)
                    .filter(e -> !exceptCampaigns.contains(e.campaignId()))
                    .forEach(e -> counts.merge(e.profileId(), 1L, Long::sum));
            return counts;
        }

        @Override
        public synchronized void markSent(String key) {
            move(key, OutboxStatus.SENT, "");
        }

        @Override
        public synchronized void markFailed(String key, String reason) {
            move(key, OutboxStatus.FAILED, reason);
        }

        private void move(String key, OutboxStatus status, String detail) {
            OutboxEntry e = entries.get(key);
            if (e != null && e.status() == OutboxStatus.PENDING) {
                leases.remove(key);
                entries.put(key, new OutboxEntry(e.idempotencyKey(), e.campaignId(), e.profileId(), e.recipient(),
                        e.mime(), status, e.createdAt(), detail, e.notBefore()));
            }
        }

        @Override
        public synchronized Map<OutboxStatus, Long> counts(String campaignId) {
            Map<OutboxStatus, Long> counts = new EnumMap<>(OutboxStatus.class);
            entries.values().stream().filter(e -> e.campaignId().equals(campaignId))
                    .forEach(e -> counts.merge(e.status(), 1L, Long::sum));
            return counts;
        }

        synchronized List<OutboxEntry> all() {
            return new ArrayList<>(entries.values());
        }
    }
}
