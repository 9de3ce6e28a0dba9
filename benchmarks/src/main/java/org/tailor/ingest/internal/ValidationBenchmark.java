package org.tailor.ingest.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.RecordKind;

/**
 * What Tailor's validation of a customer record costs (reading the fields, converting them, Bean
 * Validation, turning violations into reasons) against a bare {@code Validator.validate()} of the
 * same already-built object: the price of Tailor's own part. In the ingest package because the
 * validators are internal.
 *
 * <p>Run: {@code mvn -f benchmarks/pom.xml compile exec:java -Dbenchmark=org.tailor.ingest.internal.ValidationBenchmark}.
 */
public final class ValidationBenchmark {

    private ValidationBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = Integer.getInteger("rounds", 7);
        int perRound = Integer.getInteger("records", 200_000);
        RecordValidator validator = new RecordValidator(Clock.systemUTC());
        CustomerValidator customers = new CustomerValidator(validator);
        InboundRecord record = record();
        CustomerData data = customers.validate(record).value();
        long sink = 0;
        double bestTailor = Double.MAX_VALUE;
        double bestBare = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                sink += customers.validate(record).violations().size();
            }
            bestTailor = Math.min(bestTailor, (System.nanoTime() - start) / (double) perRound);
            start = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                sink += validator.validator().validate(data).size();
            }
            bestBare = Math.min(bestBare, (System.nanoTime() - start) / (double) perRound);
        }
        System.out.printf(Locale.ROOT, "Tailor validation of a customer record: %,.0f ns%n", bestTailor);
        System.out.printf(Locale.ROOT, "bare Validator.validate() of the same object: %,.0f ns%n", bestBare);
        System.out.printf(Locale.ROOT, "overhead: %+.0f%% (best of %d rounds of %,d; ignore %d)%n",
                (bestTailor / bestBare - 1) * 100, rounds, perRound, sink);
    }

    private static InboundRecord record() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("customer_id", "C0000042");
        fields.put("email", " Anna.Berger@Example.com ");
        fields.put("first_name", "Anna");
        fields.put("last_name", "Berger");
        fields.put("city", "Wien");
        fields.put("country", "at");
        fields.put("birth_date", "1984-03-12");
        fields.put("signed_up_at", "2024-05-01T10:00:00Z");
        fields.put("locale", "de_AT");
        fields.put("time_zone", "Europe/Vienna");
        fields.put("email_marketing_consent", "granted");
        fields.put("consent_at", "2024-05-01T10:05:00Z");
        fields.put("attributes.tier", "gold");
        return new InboundRecord("csv:customers.csv", "2", RecordKind.CUSTOMER, fields);
    }
}
