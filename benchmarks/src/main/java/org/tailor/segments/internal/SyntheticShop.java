package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;

/**
 * A deterministic shop: profile {@code i} and its events are drawn from a generator seeded with
 * the seed and {@code i} alone, so any profile can be made again on its own, in any order, and two
 * consumers (Tailor and DuckDB) read the same data without holding it. Countries with their time
 * zones and locales, sign-up instants over six years; about {@code events / profiles} events per
 * profile with a heavy tail (60 % light, 30 % regular, 10 % heavy users) at a steady rate over
 * the 180 days before now: page views, product views and cart additions with a category (half
 * of them the profile's favourite) and product, orders with a total and category, email opens and
 * clicks with a campaign.
 */
final class SyntheticShop {

    static final List<String> CATEGORIES = List.of("outdoor", "kitchen", "shoes", "garden", "toys", "books", "beauty",
            "sports", "tools", "fashion", "electronics", "home");
    private static final String[] COUNTRIES = {"DE", "AT", "CH", "FR", "NL", "GB", "US", "IT"};
    private static final int[] COUNTRY_WEIGHTS = {30, 10, 8, 12, 8, 12, 15, 5};
    private static final String[] ZONES = {"Europe/Berlin", "Europe/Vienna", "Europe/Zurich", "Europe/Paris", "Europe/Amsterdam",
            "Europe/London", "America/New_York", "Europe/Rome"};
    private static final String[] LOCALES = {"de-DE", "de-AT", "de-CH", "fr-FR", "nl-NL", "en-GB", "en-US", "it-IT"};
    /** Event types with their weights in percent. */
    static final String[] TYPES = {"page_viewed", "product_viewed", "cart_added", "order", "email_opened", "email_clicked"};
    private static final int[] TYPE_WEIGHTS = {45, 25, 8, 3, 12, 7};
    static final long HISTORY_SECONDS = Duration.ofDays(180).getSeconds() - 3_600;
    private static final long SIGN_UP_SECONDS = Duration.ofDays(6 * 365).getSeconds();

    final long seed;
    final int profiles;
    final Instant now;
    /** Events per profile, drawn once so that counts are known without making the events. */
    private final int[] counts;
    private final long events;

    SyntheticShop(long seed, int profiles, long events, Instant now) {
        this.seed = seed;
        this.profiles = profiles;
        this.now = now;
        this.counts = new int[profiles];
        double mean = (double) events / profiles;
        long total = 0;
        for (int i = 0; i < profiles; i++) {
            SplittableRandom random = random(i, 1);
            int kind = random.nextInt(10);
            double factor = kind < 6 ? 0.25 : kind < 9 ? 1.5 : 4.0;
            counts[i] = (int) Math.round(mean * factor * (0.5 + random.nextDouble()));
            total += counts[i];
        }
        this.events = total;
    }

    long eventCount() {
        return events;
    }

    static String id(int i) {
        String digits = Integer.toString(i);
        return "p" + "0000000".substring(Math.min(7, digits.length())) + digits;
    }

    static int index(String id) {
        return Integer.parseInt(id.substring(1));
    }

    private SplittableRandom random(int i, int stream) {
        return new SplittableRandom(seed * 1_000_003L + i * 31L + stream);
    }

    int country(int i) {
        int pick = random(i, 2).nextInt(100);
        for (int c = 0; c < COUNTRIES.length; c++) {
            pick -= COUNTRY_WEIGHTS[c];
            if (pick < 0) {
                return c;
            }
        }
        throw new AssertionError();
    }

    Instant signedUpAt(int i) {
        return now.minusSeconds(3_600 + random(i, 3).nextLong(SIGN_UP_SECONDS));
    }

    Profile profile(int i) {
        int c = country(i);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("country", COUNTRIES[c]);
        attributes.put("time_zone", ZONES[c]);
        attributes.put("locale", LOCALES[c]);
        attributes.put("signed_up_at", signedUpAt(i));
        return new Profile(id(i), Set.of(new Identity(Identity.EMAIL, id(i) + "@example.com")), attributes,
                signedUpAt(i), now);
    }

    String countryCode(int i) {
        return COUNTRIES[country(i)];
    }

    String timeZone(int i) {
        return ZONES[country(i)];
    }

    /** What one event holds, for consumers that want no objects. */
    record Row(int type, long epochSecond, String page, String category, String product, BigDecimal total, String campaign) {
    }

    /** Profile {@code i}'s events, oldest first not guaranteed. */
    List<Row> rows(int i) {
        SplittableRandom random = random(i, 4);
        String favourite = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
        List<Row> rows = new ArrayList<>(counts[i]);
        long end = now.getEpochSecond();
        for (int n = 0; n < counts[i]; n++) {
            rows.add(row(random, favourite, end - random.nextLong(HISTORY_SECONDS)));
        }
        return rows;
    }

    /** One event at the instant, of a type drawn by weight; half of the categories are the favourite. */
    static Row row(SplittableRandom random, String favourite, long at) {
        int type = pick(random.nextInt(100));
        String category = random.nextBoolean() ? favourite : CATEGORIES.get(random.nextInt(CATEGORIES.size()));
        switch (TYPES[type]) {
            case "page_viewed":
                return new Row(type, at, "/p/" + random.nextInt(200), null, null, null, null);
            case "product_viewed":
            case "cart_added":
                return new Row(type, at, null, category, "sku-" + random.nextInt(5_000), null, null);
            case "order":
                return new Row(type, at, null, category, null, BigDecimal.valueOf(500 + random.nextInt(49_500), 2), null);
            default:
                return new Row(type, at, null, null, null, null, "c" + random.nextInt(60));
        }
    }

    private static int pick(int percent) {
        for (int t = 0; t < TYPES.length; t++) {
            percent -= TYPE_WEIGHTS[t];
            if (percent < 0) {
                return t;
            }
        }
        throw new AssertionError();
    }

    List<Event> events(int i) {
        List<Event> events = new ArrayList<>(counts[i]);
        List<Row> rows = rows(i);
        for (int n = 0; n < rows.size(); n++) {
            events.add(event(id(i), "e" + i + "-" + n, rows.get(n)));
        }
        return events;
    }

    static Event event(String profileId, String eventId, Row row) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (row.page() != null) {
            properties.put("page", row.page());
        }
        if (row.category() != null) {
            properties.put("category", row.category());
        }
        if (row.product() != null) {
            properties.put("product", row.product());
        }
        if (row.total() != null) {
            properties.put("total", row.total());
            properties.put("currency", "EUR");
        }
        if (row.campaign() != null) {
            properties.put("campaign", row.campaign());
        }
        return new Event(eventId, profileId, TYPES[row.type()], Instant.ofEpochSecond(row.epochSecond()), properties, "synthetic");
    }
}
