package org.tailor.segments.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The segments of the benchmarks, in the text syntax: the five-condition segment compared with
 * DuckDB, and 99 more drawn from the shapes marketers write (counts and sums in windows, "did
 * not", abandoned carts, categories bought, recent sign-ups, other segments), so that a real-time
 * event meets a realistic set. One of them looks back 180 days, so every event is held.
 */
final class BenchmarkSegments {

    static final String FIVE_ID = "five";
    /** Two behavioural windows (30 and 14 days), one "did not", two profile conditions. */
    static final String FIVE = "country in [\"DE\", \"AT\", \"CH\"] and signed_up_at < \"2026-06-01\""
            + " and event product_viewed where category = \"outdoor\" >= 3 times within 30 days"
            + " and event email_opened within 14 days"
            + " and no event order within 30 days";

    private BenchmarkSegments() {
    }

    static List<Segment> all(int count) {
        List<Segment> segments = new ArrayList<>();
        segments.add(segment(FIVE_ID, FIVE));
        segments.add(segment("busy-180", "event page_viewed >= 40 times within 180 days"));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 2; i < count; i++) {
            segments.add(segment("s" + i, rule(i, random)));
        }
        return segments;
    }

    private static String rule(int i, SplittableRandom random) {
        String category = SyntheticShop.CATEGORIES.get(random.nextInt(SyntheticShop.CATEGORIES.size()));
        String other = SyntheticShop.CATEGORIES.get(random.nextInt(SyntheticShop.CATEGORIES.size()));
        int days = List.of(1, 7, 14, 30, 60, 90).get(random.nextInt(6));
        int times = 1 + random.nextInt(5);
        switch (i % 10) {
            case 0:
                return "event product_viewed where category = \"" + category + "\" >= " + times + " times within " + days + " days";
            case 1:
                return "event page_viewed >= " + (times * 5) + " times within " + days + " days";
            case 2:
                return "country in [\"DE\", \"AT\"] and event order within " + days + " days";
            case 3:
                return "no event order within " + days + " days and event cart_added within " + Math.min(days, 14) + " days";
            case 4:
                return "event cart_added within 30 days then no event order within " + List.of(1, 4, 24).get(random.nextInt(3)) + " hours";
            case 5:
                return "bought category in [\"" + category + "\", \"" + other + "\"] within " + days + " days";
            case 6:
                return "event order sum total >= " + (50 + random.nextInt(400)) + " within " + days + " days";
            case 7:
                return "signed_up_at in last " + (days * 4) + " days and locale starts with \"de\"";
            case 8:
                return "event email_clicked where campaign = \"c" + random.nextInt(60) + "\" within " + days + " days"
                        + " or segment \"s" + (i - 8) + "\"";
            default:
                return "event email_opened >= " + times + " times within " + days + " days and country = \"FR\"";
        }
    }

    private static Segment segment(String id, String text) {
        try {
            return new Segment(id, id, "", RuleTextParser.parseRule(id + ".seg", text));
        } catch (SegmentFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
