package org.tailor.content.internal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import org.tailor.api.model.Profile;

/**
 * {@code $format}: merge fields formatted for the recipient, in their {@code locale} and
 * {@code time_zone} attributes (else the configured defaults). Every method returns null for a
 * missing value, so the engine fails the render unless the template gives a default, as for any
 * merge field. Public only because Velocity introspects public classes.
 */
public final class FormatTool {

    private final Locale locale;
    private final ZoneId zone;

    FormatTool(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
    }

    /** The tool for a recipient: their locale and time zone when they are valid, else the defaults. */
    static FormatTool of(Profile profile, Locale defaultLocale, ZoneId defaultZone) {
        Locale locale = profile.attribute("locale").map(Object::toString).flatMap(FormatTool::locale).orElse(defaultLocale);
        ZoneId zone = profile.attribute("time_zone").map(Object::toString).flatMap(FormatTool::zone).orElse(defaultZone);
        return new FormatTool(locale, zone);
    }

    static Optional<Locale> locale(String tag) {
        Locale parsed = Locale.forLanguageTag(tag.strip().replace('_', '-'));
        return parsed.getLanguage().isEmpty() ? Optional.empty() : Optional.of(parsed);
    }

    static Optional<ZoneId> zone(String id) {
        try {
            return Optional.of(ZoneId.of(id.strip()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A date in the recipient's medium style: {@code 17.05.1990}, {@code May 17, 1990}. */
    public String date(Object value) {
        return date(value, "medium");
    }

    /** A date in a style: {@code short}, {@code medium}, {@code long} or {@code full}. */
    public String date(Object value, String style) {
        LocalDate date = localDate(value);
        return date == null ? null : DateTimeFormatter.ofLocalizedDate(style(style)).withLocale(locale).format(date);
    }

    /** A moment in the recipient's time zone, date and time in a style. */
    public String datetime(Object value, String style) {
        Instant instant = instant(value);
        return instant == null ? null
                : DateTimeFormatter.ofLocalizedDateTime(style(style), FormatStyle.SHORT).withLocale(locale)
                        .format(instant.atZone(zone));
    }

    /** An amount in a currency, as the recipient's locale writes it: {@code 1.234,50 €}, {@code €1,234.50}. */
    public String money(Object amount, String currencyCode) {
        BigDecimal number = decimal(amount);
        if (number == null) {
            return null;
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        Currency currency = Currency.getInstance(currencyCode.strip().toUpperCase(Locale.ROOT));
        format.setCurrency(currency);
        format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
        format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
        // Shoppers expect half a cent to round up, as on a receipt, not to the even neighbour.
        format.setRoundingMode(java.math.RoundingMode.HALF_UP);
        return format.format(number);
    }

    /** A number with the recipient's grouping and decimal separators. */
    public String number(Object value) {
        BigDecimal number = decimal(value);
        return number == null ? null : NumberFormat.getNumberInstance(locale).format(number);
    }

    /**
     * A name as people write it: one typed all in capitals or all in small letters gets a capital
     * at the start of each part ({@code ANNA-LENA} reads {@code Anna-Lena}); one with mixed case
     * was written on purpose and stays ({@code McDonald}, {@code van der Berg}).
     */
    public String name(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        String name = value.toString().strip();
        if (!name.equals(name.toUpperCase(locale)) && !name.equals(name.toLowerCase(locale))) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean start = true;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            String letter = new String(Character.toChars(cp));
            out.append(start ? letter.toUpperCase(locale) : letter.toLowerCase(locale));
            start = !Character.isLetter(cp) && cp != '\'';
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "";
    }

    private static FormatStyle style(String style) {
        try {
            return FormatStyle.valueOf(style.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("date style '" + style + "' is not one of short, medium, long, full");
        }
    }

    private LocalDate localDate(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        String text = value.toString().strip();
        if (text.length() == 10) {
            return LocalDate.parse(text);
        }
        Instant instant = instant(text);
        return instant == null ? null : instant.atZone(zone).toLocalDate();
    }

    private Instant instant(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        String text = value.toString().strip();
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException again) {
                // A date-time without offset is the recipient's local time.
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            }
        }
    }

    private static BigDecimal decimal(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        BigDecimal number = value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString().strip());
        if (!TemplateContext.isModest(number)) {
            throw new IllegalArgumentException("a number with more than " + TemplateContext.MAX_DIGITS + " digits");
        }
        return number;
    }

    /** For tests and previews: which locale and zone this recipient gets. */
    String describe() {
        return locale.toLanguageTag() + " " + (zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId());
    }
}
