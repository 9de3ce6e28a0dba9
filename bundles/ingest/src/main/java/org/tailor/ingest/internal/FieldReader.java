package org.tailor.ingest.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.tailor.api.ingest.Violation;

/**
 * Reads typed values out of one record's fields and collects every problem as a {@link Violation}
 * instead of stopping at the first, so that an admin fixes a row in one go.
 *
 * <p>Values may be strings as read from text sources or typed values from typed sources. Blank
 * strings count as absent, like empty CSV cells. Not thread safe: one reader per record.
 */
final class FieldReader {

    static final int MAX_LENGTH = 256;

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final Map<String, Object> fields;
    private final Clock clock;
    private final List<Violation> violations = new ArrayList<>();

    FieldReader(Map<String, Object> fields, Clock clock) {
        this.fields = fields;
        this.clock = clock;
    }

    List<Violation> violations() {
        return violations;
    }

    void violation(String field, String reason) {
        violations.add(new Violation(field, reason));
    }

    boolean present(String name) {
        Object value = fields.get(name);
        return value != null && !(value instanceof String s && s.isBlank());
    }

    void require(String name) {
        if (!present(name)) {
            violation(name, "is required");
        }
    }

    /** Every field must be one of {@code known} or start with {@code prefix} followed by a valid name. */
    void rejectUnknown(Set<String> known, String prefix) {
        for (String name : fields.keySet()) {
            if (known.contains(name)) {
                continue;
            }
            if (prefix != null && name.startsWith(prefix)) {
                String suffix = name.substring(prefix.length());
                if (!NAME.matcher(suffix).matches()) {
                    violation(name, Text.quote(suffix) + " is not a valid name after '" + prefix
                            + "': use letters, digits and _, starting with a letter, at most 64");
                }
                continue;
            }
            Set<String> sorted = new TreeSet<>(known);
            violation(name, "unknown field; known fields are " + String.join(", ", sorted)
                    + (prefix == null ? "" : " and " + prefix + "<name>"));
        }
    }

    Optional<String> text(String name) {
        if (!present(name)) {
            return Optional.empty();
        }
        Object value = fields.get(name);
        String text = value instanceof String s ? s.trim() : String.valueOf(value);
        if (text.length() > MAX_LENGTH) {
            violation(name, "is " + text.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** Strings are trimmed; numbers, booleans and dates from typed sources are kept as they are. */
    Optional<Object> value(String name) {
        if (!present(name)) {
            return Optional.empty();
        }
        Object value = fields.get(name);
        if (value instanceof Number || value instanceof Boolean || value instanceof Instant || value instanceof LocalDate) {
            return Optional.of(value);
        }
        return text(name).map(Object.class::cast);
    }

    Optional<String> email(String name) {
        return text(name).map(EmailAddresses::normalize).flatMap(email -> {
            Optional<String> problem = EmailAddresses.problem(email);
            problem.ifPresent(reason -> violation(name, reason));
            return problem.isPresent() ? Optional.empty() : Optional.of(email);
        });
    }

    /** An ISO-8601 instant, an offset date-time, or a plain date meaning the start of that day in UTC. */
    Optional<Instant> instant(String name) {
        if (!present(name)) {
            return Optional.empty();
        }
        Object value = fields.get(name);
        if (value instanceof Instant instant) {
            return Optional.of(instant);
        }
        if (value instanceof LocalDate date) {
            return Optional.of(date.atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (value instanceof OffsetDateTime odt) {
            return Optional.of(odt.toInstant());
        }
        if (value instanceof ZonedDateTime zdt) {
            return Optional.of(zdt.toInstant());
        }
        String text = String.valueOf(value).trim();
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException notAnInstant) {
            // fall through to the other accepted forms
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notAnOffsetDateTime) {
            // fall through
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException notADate) {
            violation(name, Text.quote(text) + " is not a date-time: use an ISO-8601 instant such as "
                    + "2026-01-02T10:00:00Z, an offset date-time such as 2026-01-02T11:00:00+01:00 or a date such as 2026-01-02");
            return Optional.empty();
        }
    }

    /** Like {@link #instant} but refused when later than now plus {@code tolerance}. */
    Optional<Instant> instantNotAfter(String name, java.time.Duration tolerance, String toleranceText) {
        return instant(name).filter(instant -> {
            if (instant.isAfter(clock.instant().plus(tolerance))) {
                violation(name, Text.quote(instant) + " is more than " + toleranceText + " in the future");
                return false;
            }
            return true;
        });
    }

    Optional<LocalDate> pastDate(String name) {
        if (!present(name)) {
            return Optional.empty();
        }
        Object value = fields.get(name);
        LocalDate date;
        if (value instanceof LocalDate given) {
            date = given;
        } else {
            String text = String.valueOf(value).trim();
            try {
                date = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                violation(name, Text.quote(text) + " is not a date in the form yyyy-MM-dd, such as 1990-04-23");
                return Optional.empty();
            }
        }
        if (date.isAfter(LocalDate.now(clock.withZone(ZoneOffset.UTC)))) {
            violation(name, Text.quote(date) + " is in the future");
            return Optional.empty();
        }
        return Optional.of(date);
    }

    Optional<BigDecimal> nonNegativeDecimal(String name) {
        if (!present(name)) {
            return Optional.empty();
        }
        Object value = fields.get(name);
        String text = value instanceof String s ? s.trim() : String.valueOf(value);
        BigDecimal decimal;
        try {
            decimal = new BigDecimal(text);
        } catch (NumberFormatException e) {
            violation(name, Text.quote(text) + " is not a decimal number: use digits and a dot, such as 19.99");
            return Optional.empty();
        }
        if (decimal.signum() < 0) {
            violation(name, Text.quote(text) + " must be zero or more");
            return Optional.empty();
        }
        return Optional.of(decimal);
    }

    Optional<String> currency(String name) {
        return text(name).flatMap(text -> {
            String code = text.toUpperCase(Locale.ROOT);
            try {
                if (code.length() == 3) {
                    return Optional.of(Currency.getInstance(code).getCurrencyCode());
                }
            } catch (IllegalArgumentException unknown) {
                // reported below
            }
            violation(name, Text.quote(text) + " is not an ISO 4217 currency code such as EUR or USD");
            return Optional.empty();
        });
    }

    Optional<String> country(String name) {
        return text(name).flatMap(text -> {
            String code = text.toUpperCase(Locale.ROOT);
            if (COUNTRIES.contains(code)) {
                return Optional.of(code);
            }
            violation(name, Text.quote(text) + " is not an ISO 3166 alpha-2 code such as DE or US");
            return Optional.empty();
        });
    }

    /** A BCP 47 language tag; the underscore form Java and many exports use ({@code de_AT}) is accepted too. */
    Optional<String> locale(String name) {
        return text(name).flatMap(text -> {
            try {
                Locale locale = new Locale.Builder().setLanguageTag(text.replace('_', '-')).build();
                if (!locale.getLanguage().isEmpty()) {
                    return Optional.of(locale.toLanguageTag());
                }
            } catch (IllformedLocaleException e) {
                // reported below
            }
            violation(name, Text.quote(text) + " is not a BCP 47 language tag such as de-AT or en");
            return Optional.empty();
        });
    }

    Optional<String> timeZone(String name) {
        return text(name).flatMap(text -> {
            try {
                if (ZoneId.getAvailableZoneIds().contains(text)) {
                    return Optional.of(ZoneId.of(text).getId());
                }
            } catch (DateTimeException e) {
                // reported below
            }
            violation(name, Text.quote(text) + " is not an IANA time zone such as Europe/Berlin");
            return Optional.empty();
        });
    }

    Optional<String> matching(String name, Pattern pattern, String expected) {
        return text(name).filter(text -> {
            if (pattern.matcher(text).matches()) {
                return true;
            }
            violation(name, Text.quote(text) + " is not " + expected);
            return false;
        });
    }

    /** The fields whose names start with {@code prefix}, keyed by the rest of the name, values as by {@link #value}. */
    Map<String, Object> prefixed(String prefix) {
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        for (String name : fields.keySet()) {
            if (name.startsWith(prefix) && NAME.matcher(name.substring(prefix.length())).matches()) {
                value(name).ifPresent(v -> result.put(name.substring(prefix.length()), v));
            }
        }
        return result;
    }
}
