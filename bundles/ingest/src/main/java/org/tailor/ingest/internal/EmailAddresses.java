package org.tailor.ingest.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Email normalization and a deliberately basic RFC 5321 syntax check: enough to catch typos and
 * column mix-ups in imports, not a full RFC 5322 parser (quoted local parts, IP-literal domains and
 * comments are refused because no mailbox provider hands them out).
 */
final class EmailAddresses {

    static final int MAX_LENGTH = 254;
    static final int MAX_LOCAL_PART = 64;

    private static final Pattern LOCAL_PART = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~.-]+");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TOP_LEVEL = Pattern.compile(".*[a-z].*");

    private EmailAddresses() {
    }

    /** Trimmed and lower-cased, so that the same mailbox always yields the same identity. */
    static String normalize(String raw) {
        return raw.trim().toLowerCase(Locale.ROOT);
    }

    /** Why the normalized address is not acceptable (without the address), or empty if it is. */
    static Optional<String> problem(String email) {
        if (email.length() > MAX_LENGTH) {
            return invalid(email, "it is " + email.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        int at = email.indexOf('@');
        if (at < 0 || at != email.lastIndexOf('@')) {
            return invalid(email, "it must contain exactly one @");
        }
        if (email.chars().anyMatch(Character::isWhitespace)) {
            return invalid(email, "it contains a space");
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        if (local.isEmpty()) {
            return invalid(email, "the part before @ is empty");
        }
        if (local.length() > MAX_LOCAL_PART) {
            return invalid(email, "the part before @ is longer than " + MAX_LOCAL_PART + " characters");
        }
        if (!LOCAL_PART.matcher(local).matches() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return invalid(email, "the part before @ contains characters or dots that are not allowed");
        }
        if (!domain.contains(".")) {
            return invalid(email, "the domain has no dot");
        }
        String[] labels = domain.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return invalid(email, "the domain '" + Text.shorten(domain) + "' is not a valid host name");
            }
        }
        if (!TOP_LEVEL.matcher(labels[labels.length - 1]).matches()) {
            return invalid(email, "the domain's last part is not a top-level domain");
        }
        return Optional.empty();
    }

    private static Optional<String> invalid(String email, String why) {
        return Optional.of(why);
    }
}
