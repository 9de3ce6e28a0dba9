package org.tailor.ingest.internal;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.ZoneId;
import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Set;

/** Checks {@link StandardCode} against the JDK's lists, which follow the standards' current editions. */
public final class StandardCodeValidator implements ConstraintValidator<StandardCode, String> {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private StandardCode.Kind kind;

    @Override
    public void initialize(StandardCode annotation) {
        kind = annotation.value();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || valid(kind, value)) {
            return true;
        }
        // A constant template: the offending value is added by RecordValidator, never interpolated.
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(kind.message).addConstraintViolation();
        return false;
    }

    static boolean valid(StandardCode.Kind kind, String value) {
        return switch (kind) {
            case CURRENCY -> isCurrency(value.toUpperCase(Locale.ROOT));
            case COUNTRY -> COUNTRIES.contains(value.toUpperCase(Locale.ROOT));
            case TIME_ZONE -> ZONES.contains(value);
            case LANGUAGE_TAG -> isLanguageTag(value);
        };
    }

    private static boolean isCurrency(String value) {
        if (value.length() != 3) {
            return false;
        }
        try {
            return Currency.getInstance(value).getCurrencyCode().equals(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isLanguageTag(String value) {
        try {
            return !new Locale.Builder().setLanguageTag(value).build().getLanguage().isEmpty();
        } catch (IllformedLocaleException e) {
            return false;
        }
    }
}
