package org.tailor.sampledata;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the demo's customers, orders and web events as CSV in Tailor's canonical columns.
 *
 * <p>The output is a pure function of the seed, the customer count and the reference day:
 * every timestamp is an offset back from the start of that day, so the demo's relative windows
 * ("in the last 30 days") select the same people whichever day it runs. A few rows are
 * deliberately invalid, so that the demo shows rejects with their reasons.
 */
public final class SampleDataGenerator {

    static final List<String> CATEGORIES = List.of("outdoor", "fashion", "electronics", "home", "beauty");
    static final List<String> FIRST_NAMES = List.of("Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta",
            "Hugo", "Ines", "Jonas", "Karin", "Luca", "Marta", "Noah", "Olga", "Paul", "Rosa", "Sami", "Tanja",
            "Umut", "Vera", "Wim", "Yara", "Zoë", "José", "Chloé", "Søren", "Łucja");
    static final List<String> LAST_NAMES = List.of("Schmidt", "Martin", "Rossi", "García", "Novak", "Jansen",
            "Dubois", "Müller", "Silva", "Kowalski", "Berg", "Costa", "Lind", "Wagner", "Moreau", "Öztürk");
    static final List<String[]> CITIES = List.of(new String[] {"Berlin", "DE"}, new String[] {"Munich", "DE"},
            new String[] {"Vienna", "AT"}, new String[] {"Zurich", "CH"}, new String[] {"Paris", "FR"},
            new String[] {"Lyon", "FR"}, new String[] {"Milan", "IT"}, new String[] {"Madrid", "ES"},
            new String[] {"Amsterdam", "NL"}, new String[] {"Warsaw", "PL"});
    static final String[] CUSTOMER_COLUMNS = {"customer_id", "email", "first_name", "last_name", "city", "country",
        "birth_date", "signed_up_at", "locale", "email_marketing_consent", "consent_at"};
    static final String[] ORDER_COLUMNS = {"order_id", "customer_id", "ordered_at", "total", "currency", "category"};
    static final String[] EVENT_COLUMNS = {"event_id", "customer_id", "type", "occurred_at", "properties.category",
        "properties.product_id"};

    private final long seed;
    private final int customers;
    private final Instant reference;

    public SampleDataGenerator(long seed, int customers, LocalDate referenceDay) {
        this.seed = seed;
        this.customers = customers;
        this.reference = referenceDay.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of("sample-data");
        long seed = 20261123L;
        int customers = 10_000;
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--customers" -> customers = Integer.parseInt(args[++i]);
                case "--reference-day" -> day = LocalDate.parse(args[++i]);
                default -> {
                    System.err.println("usage: SampleDataGenerator [--out DIR] [--seed N] [--customers N] [--reference-day yyyy-MM-dd]");
                    System.exit(2);
                }
            }
        }
        Counts counts = new SampleDataGenerator(seed, customers, day).writeTo(out);
        System.out.printf("Wrote %d customers, %d orders, %d events (%d rows invalid on purpose) to %s%n",
                counts.customers(), counts.orders(), counts.events(), counts.invalid(), out.toAbsolutePath());
    }

    /** Row counts written, including the deliberately invalid rows. */
    public record Counts(int customers, int orders, int events, int invalid) {
    }

    public Counts writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        Random random = new Random(seed);
        int orders = 0;
        int events = 0;
        int invalid = 0;
        // Written under temporary names and renamed last, so that a hot folder never sees half a file.
        Path customersTmp = directory.resolve(".customers.csv.tmp");
        Path ordersTmp = directory.resolve(".orders.csv.tmp");
        Path eventsTmp = directory.resolve(".events.csv.tmp");
        try (CSVPrinter c = printer(customersTmp, CUSTOMER_COLUMNS);
             CSVPrinter o = printer(ordersTmp, ORDER_COLUMNS);
             CSVPrinter e = printer(eventsTmp, EVENT_COLUMNS)) {
            for (int n = 1; n <= customers; n++) {
                String id = String.format(Locale.ROOT, "C%05d", n);
                String first = pick(random, FIRST_NAMES);
                String last = pick(random, LAST_NAMES);
                String[] city = pick(random, CITIES);
                String affinity = pick(random, CATEGORIES);
                Instant signedUp = daysAgo(random, 30 + random.nextInt(700));
                String email = n % 997 == 0
                        ? first.toLowerCase(Locale.ROOT) + "@@example" // invalid on purpose
                        : ascii(first) + "." + ascii(last) + "." + n + "@example.com";
                if (n % 997 == 0) {
                    invalid++;
                }
                LocalDate birth = LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28));
                String consent = consent(random);
                c.printRecord(id, email, first, last, city[0], city[1], birth, signedUp, locale(city[1]), consent, signedUp);

                int orderCount = random.nextInt(7) == 0 ? 0 : random.nextInt(5);
                for (int k = 0; k < orderCount; k++) {
                    String category = random.nextInt(3) == 0 ? pick(random, CATEGORIES) : affinity;
                    String total = String.format(Locale.ROOT, "%d.%02d", 10 + random.nextInt(290), random.nextInt(100));
                    String currency = n % 1499 == 0 && k == 0 ? "EURO" : "EUR"; // invalid on purpose
                    if ("EURO".equals(currency)) {
                        invalid++;
                    }
                    o.printRecord(id + "-" + (k + 1), id, daysAgo(random, random.nextInt(365)), total, currency, category);
                    orders++;
                }

                events += writeEmailEvents(e, id, n, consent.equals("granted"));

                int views = random.nextInt(16);
                for (int k = 0; k < views; k++) {
                    String category = random.nextInt(10) < 6 ? affinity : pick(random, CATEGORIES);
                    e.printRecord(id + "-v" + (k + 1), id, "product_viewed", daysAgo(random, random.nextInt(90)),
                            category, category.substring(0, 3).toUpperCase(Locale.ROOT) + "-" + (100 + random.nextInt(900)));
                    events++;
                }
            }
        }
        Files.move(customersTmp, directory.resolve("customers.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(ordersTmp, directory.resolve("orders.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(eventsTmp, directory.resolve("events.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new Counts(customers, orders, events, invalid);
    }

    /**
     * Opens and clicks of our emails, for people who agreed to receive them: about one in five is a
     * keen reader, the rest open now and then. They draw from a random of their own, so that adding
     * them left every other row of a seed as it was.
     */
    private int writeEmailEvents(CSVPrinter e, String id, int n, boolean subscribed) throws IOException {
        if (!subscribed) {
            return 0;
        }
        Random mail = new Random(seed * 31 + n);
        boolean keen = mail.nextInt(5) == 0;
        int opens = keen ? 6 + mail.nextInt(10) : mail.nextInt(3);
        int written = 0;
        for (int k = 0; k < opens; k++) {
            Instant opened = daysAgo(mail, mail.nextInt(60));
            e.printRecord(id + "-o" + (k + 1), id, "email_opened", opened, "", "");
            written++;
            if (mail.nextInt(keen ? 2 : 6) == 0) {
                e.printRecord(id + "-c" + (k + 1), id, "email_link_clicked", opened.plusSeconds(30 + mail.nextInt(600)), "", "");
                written++;
            }
        }
        return written;
    }

    private Instant daysAgo(Random random, int days) {
        // Whole days plus a random second within the day before the reference midnight.
        return reference.minus(days, ChronoUnit.DAYS).minusSeconds(1 + random.nextInt(86_399));
    }

    private static String consent(Random random) {
        int roll = random.nextInt(100);
        if (roll < 75) {
            return "granted";
        } else if (roll < 85) {
            return "denied";
        } else if (roll < 90) {
            return "withdrawn";
        }
        return "";
    }

    private static String locale(String country) {
        return switch (country) {
            case "DE", "AT", "CH" -> "de-" + country;
            case "FR" -> "fr-FR";
            case "IT" -> "it-IT";
            case "ES" -> "es-ES";
            case "NL" -> "nl-NL";
            default -> "pl-PL";
        };
    }

    private static String ascii(String name) {
        String decomposed = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").replace("ø", "o").replace("Ø", "O").replace("ł", "l")
                .replace("Ł", "L").toLowerCase(Locale.ROOT);
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static CSVPrinter printer(Path file, String[] header) throws IOException {
        Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(header).get());
    }
}
