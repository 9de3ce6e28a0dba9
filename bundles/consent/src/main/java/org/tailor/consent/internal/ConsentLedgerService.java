package org.tailor.consent.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.consent.AttributeScope;
import org.tailor.api.consent.ConsentAdministration;
import org.tailor.api.consent.ConsentDecision;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.consent.ConsentState;
import org.tailor.api.consent.PersonalizationConsent;
import org.tailor.api.consent.SuppressionList;
import org.tailor.api.ingest.IngestListener;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.model.LawfulBasis;
import org.tailor.api.model.Profile;
import org.tailor.api.model.Suppression;
import org.tailor.api.store.ConsentStore;
import org.tailor.api.store.PersonalDataStore;
import org.tailor.api.store.ProfileStore;

/**
 * Answers consent checks from the append-only ledger in the store, through {@link ConsentCache}.
 *
 * <p>A person's consent is read from the histories of every profile that is that person: the id
 * asked for, the live profile it resolves to and all profiles merged into it, as one timeline. Per
 * purpose the entry that decides is the latest by {@link #DECIDING_ORDER}, except that a
 * {@link ConsentStatus#PENDING} entry never displaces a grant in force at its time (asking again
 * never turns a confirmed subscriber back to unconfirmed). A grant whose expiry has passed reads as
 * {@link ConsentStatus#EXPIRED}.
 *
 * <p>It is also an {@link IngestListener}: a profile whose identities changed or that was merged may
 * now have another address or another history, so its cached answer is dropped.
 */
@Component(service = {ConsentService.class, ConsentAdministration.class, PersonalizationConsent.class,
        IngestListener.class}, configurationPid = ConsentLedgerService.PID)
public class ConsentLedgerService implements ConsentService, ConsentAdministration, PersonalizationConsent,
        IngestListener {

    static final String PID = "org.tailor.consent";

    /** The channel of changes an admin makes for a person. */
    static final String ON_BEHALF = "on_behalf";

    private static final Logger LOG = LoggerFactory.getLogger(ConsentLedgerService.class);

    /**
     * Which entry decides: the latest by the time the person acted; on a tie the one that does
     * not grant, so that an ambiguous history never reads as consent.
     */
    static final Comparator<ConsentRecord> DECIDING_ORDER = Comparator
            .comparing(ConsentRecord::recordedAt)
            .thenComparing(r -> r.status() != ConsentStatus.GRANTED);

    private final ConsentStore store;
    private final ProfileStore profiles;
    private final PersonalDataStore people;
    private final SuppressionList suppressions;
    private final ConsentCache cache;
    private final Purposes purposes;
    private final Clock clock;

    @Activate
    public ConsentLedgerService(ConsentConfig config, @Reference ConsentStore store, @Reference ProfileStore profiles,
                                @Reference PersonalDataStore people, @Reference SuppressionList suppressions,
                                @Reference ConsentCache cache) {
        this(Purposes.of(config), store, profiles, people, suppressions, cache, Clock.systemUTC());
    }

    ConsentLedgerService(Purposes purposes, ConsentStore store, ProfileStore profiles, PersonalDataStore people,
                         SuppressionList suppressions, ConsentCache cache, Clock clock) {
        this.purposes = purposes;
        this.store = store;
        this.profiles = profiles;
        this.people = people;
        this.suppressions = suppressions;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public ConsentDecision check(String profileId, String purpose) {
        if (profileId == null || purpose == null || !purposes.known(purpose)) {
            return ConsentDecision.deny("unknown consent purpose '" + purpose + "'; configured: " + purposes.all());
        }
        Snapshot snapshot;
        try {
            snapshot = snapshot(profileId);
        } catch (RuntimeException e) {
            // Failing closed: a store we cannot read is a "no", never a "yes".
            LOG.warn("Consent check for profile {} failed; treating as no consent: {}", profileId, e.toString());
            return ConsentDecision.unavailable("consent could not be confirmed: " + e.getMessage());
        }
        ConsentRecord deciding = snapshot.deciding().get(purpose);
        if (deciding == null || !deciding.grantsAt(clock.instant())) {
            ConsentState state = stateOf(purpose, snapshot, clock.instant());
            return ConsentDecision.deny(state.deciding().map(r -> describe(state.status(), r))
                    .orElse("no consent recorded for " + purpose));
        }
        if (purposes.sendsEmail(purpose) && snapshot.suppression().isPresent()) {
            Suppression s = snapshot.suppression().get();
            return ConsentDecision.deny("address suppressed (" + s.reason().name().toLowerCase(Locale.ROOT)
                    + " since " + s.addedAt() + ")");
        }
        return snapshot.allowed().get(purpose);
    }

    @Override
    public void record(ConsentRecord record) {
        recordAll(List.of(record));
    }

    @Override
    public void recordAll(Collection<ConsentRecord> records) {
        Set<String> ids = new LinkedHashSet<>();
        for (ConsentRecord record : records) {
            purposes.require(record.purpose());
            ids.add(record.profileId());
        }
        if (ids.isEmpty()) {
            return;
        }
        cache.writing(ids, () -> {
            store.appendAll(records);
            return null;
        });
    }

    @Override
    public List<ConsentRecord> history(String profileId) {
        return store.history(profileId);
    }

    @Override
    public Set<String> purposes() {
        return purposes.all();
    }

    @Override
    public Map<String, ConsentState> current(String profileId) {
        Snapshot snapshot = snapshot(profileId);
        Instant now = clock.instant();
        Map<String, ConsentState> states = new LinkedHashMap<>();
        for (String purpose : purposes.all()) {
            states.put(purpose, stateOf(purpose, snapshot, now));
        }
        return states;
    }

    @Override
    public ConsentRecord changeOnBehalf(String profileId, String purpose, ConsentStatus status, String actor,
                                        String reason) {
        purposes.require(purpose);
        if (status != ConsentStatus.GRANTED && status != ConsentStatus.WITHDRAWN) {
            throw new IllegalArgumentException("on behalf of a person an admin can grant or withdraw, not " + status);
        }
        if (actor == null || actor.isBlank() || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a change on behalf of a person needs the actor and a reason");
        }
        ConsentRecord entry = new ConsentRecord(profileId, purpose, status, clock.instant(), "on behalf: " + reason.strip(),
                LawfulBasis.CONSENT, ON_BEHALF, "", "", actor.strip(), Optional.empty());
        record(entry);
        return entry;
    }

    @Override
    public AttributeScope readableAttributes(String profileId) {
        Snapshot snapshot;
        try {
            snapshot = snapshot(profileId);
        } catch (RuntimeException e) {
            LOG.warn("Consent of profile {} could not be read; personalization gets the generic attributes: {}",
                    profileId, e.toString());
            return new AttributeScope(false, purposes.generic(), "consent could not be read: generic attributes only");
        }
        Instant now = clock.instant();
        Set<String> names = new TreeSet<>(purposes.generic());
        List<String> granted = new ArrayList<>();
        boolean all = false;
        for (Map.Entry<String, Set<String>> opened : purposes.attributes().entrySet()) {
            if (stateOf(opened.getKey(), snapshot, now).granted()) {
                granted.add(opened.getKey());
                all |= opened.getValue().contains(Purposes.ALL);
                names.addAll(opened.getValue());
            }
        }
        names.remove(Purposes.ALL);
        String reason = granted.isEmpty() ? "no purpose that opens attributes is granted: generic attributes only"
                : "granted: " + String.join(", ", granted);
        return new AttributeScope(all, names, reason);
    }

    @Override
    public void ingested(Set<String> profileIds, List<Event> events) {
        cache.changed(profileIds);
    }

    private Snapshot snapshot(String profileId) {
        return cache.get(profileId, loadedAt -> load(profileId, loadedAt));
    }

    private Snapshot load(String profileId, long loadedAt) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(profileId);
        Optional<Profile> profile = profiles.find(profileId);
        List<String> addresses = new ArrayList<>();
        if (profile.isPresent()) {
            ids.add(profile.get().id());
            ids.addAll(people.personIds(profile.get().id()));
            profile.get().identities().stream()
                    .filter(i -> i.namespace().equals(Identity.EMAIL))
                    .forEach(i -> addresses.add(i.value()));
        }
        Map<String, ConsentRecord> deciding = deciding(store.historyOf(ids));
        Optional<Suppression> suppression = Optional.empty();
        for (String address : addresses) {
            suppression = suppressions.find(address);
            if (suppression.isPresent()) {
                break;
            }
        }
        Map<String, ConsentDecision> allowed = new HashMap<>();
        deciding.forEach((purpose, entry) -> {
            if (entry.status() == ConsentStatus.GRANTED) {
                allowed.put(purpose, ConsentDecision.allow(describe(ConsentStatus.GRANTED, entry)));
            }
        });
        return new Snapshot(Set.copyOf(ids), Map.copyOf(deciding), Map.copyOf(allowed), suppression, loadedAt);
    }

    /** The deciding entry per purpose of a history, by the rules in the class comment. */
    static Map<String, ConsentRecord> deciding(List<ConsentRecord> history) {
        List<ConsentRecord> ordered = new ArrayList<>(history);
        ordered.sort(DECIDING_ORDER);
        Map<String, ConsentRecord> current = new HashMap<>();
        for (ConsentRecord entry : ordered) {
            ConsentRecord before = current.get(entry.purpose());
            boolean reAsked = entry.status() == ConsentStatus.PENDING && before != null
                    && before.recordedAt().isBefore(entry.recordedAt()) && before.grantsAt(entry.recordedAt());
            if (!reAsked) {
                current.put(entry.purpose(), entry);
            }
        }
        return current;
    }

    static ConsentState stateOf(String purpose, Snapshot snapshot, Instant now) {
        ConsentRecord deciding = snapshot.deciding().get(purpose);
        if (deciding == null) {
            return new ConsentState(purpose, ConsentStatus.DENIED, Optional.empty());
        }
        ConsentStatus status = deciding.status() == ConsentStatus.GRANTED && !deciding.grantsAt(now)
                ? ConsentStatus.EXPIRED : deciding.status();
        return new ConsentState(purpose, status, Optional.of(deciding));
    }

    private static String describe(ConsentStatus status, ConsentRecord r) {
        String text = status.name().toLowerCase(Locale.ROOT) + " at " + r.recordedAt() + " via " + r.source();
        if (status == ConsentStatus.EXPIRED && r.status() == ConsentStatus.GRANTED) {
            text = "granted at " + r.recordedAt() + " via " + r.source() + ", expired at " + r.expiresAt().map(Instant::toString).orElse("?");
        }
        return text;
    }
}
