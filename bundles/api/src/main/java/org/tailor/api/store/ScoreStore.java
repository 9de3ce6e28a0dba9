package org.tailor.api.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.BiConsumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Derived values per profile that segment rules and templates read: RFM and engagement scores,
 * scoring plans, cluster names, lifecycle stages. Values are computed by the segment evaluator and
 * kept here rather than in profile attributes, so that a recompute never races ingest for a row.
 *
 * <p>A value is a {@link java.math.BigDecimal} or a {@link String}; names are 1–128 characters of
 * {@code a-z}, {@code 0-9}, {@code _}, {@code .}. Thread safe; failures throw {@link StoreException}.
 */
@ProviderType
public interface ScoreStore {

    /**
     * Replaces every value of one score in one transaction: profiles missing from the map lose it.
     * How a full recompute is stored.
     */
    void replace(String name, Map<String, Object> valuesByProfile, Instant computedAt);

    /** Sets the given scores of the given profiles, leaving every other value as it is. */
    void putAll(Map<String, Map<String, Object>> scoresByProfile, Instant computedAt);

    /** The profile's scores by name; never null. */
    Map<String, Object> scoresOf(String profileId);

    /** The scores of several profiles by profile id; profiles without scores are left out. */
    Map<String, Map<String, Object>> scoresOf(Collection<String> profileIds);

    /** Streams every profile's value of one score; returns how many were visited. */
    long forEach(String name, BiConsumer<String, Object> visitor);
}
