package org.tailor.api.segment;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Compiles a rule in the segment text syntax (as in a {@code .seg} file, without the name and
 * description lines) into a condition other bundles can test, for example the content provider's
 * variant rules. The condition is decided exactly as segment membership is, at the moment it is
 * tested, reading the profile's events, scores and consent as the rule needs.
 *
 * <p>Thread safe.
 */
@ProviderType
public interface ConditionCompiler {

    /**
     * Compiles the rule.
     *
     * @param source names the text in error messages, for example {@code outdoor/pack.json:slots.hero[0].when}
     * @throws IllegalArgumentException if the rule does not parse, or refers to a segment that is not
     *     loaded; the message is {@code source:line:column: reason}
     */
    ProfileCondition compile(String source, String rule);
}
