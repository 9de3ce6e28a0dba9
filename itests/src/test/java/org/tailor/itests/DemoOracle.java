package org.tailor.itests;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Works out from the sample CSV files alone who the demo campaign must reach, independently of
 * Tailor's code: members of "outdoor-fans" (3+ outdoor views and no outdoor order in 30 days)
 * with a valid address and granted email-marketing consent.
 */
final class DemoOracle {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Duration WINDOW = Duration.ofDays(30);

    private final Map<String, String> consentedEmailById = new HashMap<>();
    private final Map<String, List<Instant>> outdoorViews = new HashMap<>();
    private final Map<String, List<Instant>> outdoorOrders = new HashMap<>();

    DemoOracle(Path directory) throws IOException {
        for (CSVRecord row : read(directory.resolve("customers.csv"))) {
            String email = row.get("email").trim().toLowerCase(Locale.ROOT);
            if (EMAIL.matcher(email).matches() && "granted".equals(row.get("email_marketing_consent"))) {
                consentedEmailById.put(row.get("customer_id"), email);
            }
        }
        for (CSVRecord row : read(directory.resolve("orders.csv"))) {
            if (validCurrency(row.get("currency")) && new BigDecimal(row.get("total")).signum() >= 0
                    && "outdoor".equals(row.get("category"))) {
                outdoorOrders.computeIfAbsent(row.get("customer_id"), k -> new ArrayList<>())
                        .add(Instant.parse(row.get("ordered_at")));
            }
        }
        for (CSVRecord row : read(directory.resolve("events.csv"))) {
            if ("product_viewed".equals(row.get("type")) && "outdoor".equals(row.get("properties.category"))) {
                outdoorViews.computeIfAbsent(row.get("customer_id"), k -> new ArrayList<>())
                        .add(Instant.parse(row.get("occurred_at")));
            }
        }
    }

    /** The addresses the campaign must write to if it evaluates at {@code now}. */
    Set<String> expectedRecipients(Instant now) {
        Instant since = now.minus(WINDOW);
        Set<String> recipients = new HashSet<>();
        consentedEmailById.forEach((id, email) -> {
            long views = outdoorViews.getOrDefault(id, List.of()).stream().filter(t -> !t.isBefore(since)).count();
            boolean bought = outdoorOrders.getOrDefault(id, List.of()).stream().anyMatch(t -> !t.isBefore(since));
            if (views >= 3 && !bought) {
                recipients.add(email);
            }
        });
        return recipients;
    }

    private static boolean validCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }
}
