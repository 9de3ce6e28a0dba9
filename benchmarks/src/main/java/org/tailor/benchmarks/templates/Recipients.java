package org.tailor.benchmarks.templates;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A deterministic list of varied recipients: fifteen countries (so every hero and footer variant
 * is used), loyalty points across every offer threshold, names and products with characters HTML
 * must escape, missing first names, cities and orders, and four products each.
 */
public final class Recipients {

    private record Market(String country, String language, Locale locale, String currency, double perEuro,
                          List<String> cities) {
    }

    private static final List<Market> MARKETS = List.of(
            market("DE", "de", "EUR", 1.0, "Berlin", "Köln", "München", "Hamburg"),
            market("AT", "de", "EUR", 1.0, "Wien", "Graz", "Innsbruck"),
            market("CH", "de", "CHF", 0.94, "Zürich", "Basel", "Bern"),
            market("FR", "fr", "EUR", 1.0, "Paris", "Lyon", "Saint-Étienne"),
            market("BE", "fr", "EUR", 1.0, "Liège", "Namur", "Bruxelles"),
            market("SE", "sv", "SEK", 11.4, "Malmö", "Göteborg", "Uppsala"),
            market("DK", "da", "DKK", 7.46, "København", "Aarhus"),
            market("NO", "nb", "NOK", 11.6, "Oslo", "Tromsø", "Bergen"),
            market("FI", "fi", "EUR", 1.0, "Helsinki", "Tampere"),
            market("GB", "en", "GBP", 0.85, "London", "Leeds", "King's Lynn"),
            market("IE", "en", "EUR", 1.0, "Dublin", "Cork"),
            market("US", "en", "USD", 1.08, "Portland", "Denver", "Coeur d'Alene"),
            market("NL", "nl", "EUR", 1.0, "Den Haag", "Utrecht"),
            market("ES", "es", "EUR", 1.0, "Sevilla", "A Coruña"),
            market("IT", "it", "EUR", 1.0, "Torino", "L'Aquila"));

    private static final List<String> FIRST_NAMES = List.of("Ann", "Jonas", "Zoë", "Chloé", "Søren", "Ingrid",
            "Seán", "Marie-Claire", "Łukasz", "José", "Emma", "Luca", "Noah", "Maja", "Élodie", "Björn", "Aoife",
            "Mia", "Jan", "Olivia");
    private static final List<String> LAST_NAMES = List.of("Müller", "O'Brien", "Dupont", "D'Angelo", "Schmidt",
            "Jørgensen", "van der Berg", "Lindqvist", "García", "Rossi", "Smith", "Nowak", "Lefèvre", "Ødegaard",
            "O'Neill", "Becker", "Virtanen", "Kelly", "Weiß", "Moreau");

    /** Catalogue: name, price in euro, slug. Names hold quotes, apostrophes and ampersands on purpose. */
    private static final List<String[]> CATALOGUE = List.of(
            new String[] {"Trail Runner 2", "129.00", "trail-runner-2"},
            new String[] {"Rain Shell \"Storm\" Jacket", "189.90", "rain-shell-storm"},
            new String[] {"Women's Merino Base Layer", "79.50", "merino-base-layer"},
            new String[] {"Tent 2P & Footprint", "349.00", "tent-2p-footprint"},
            new String[] {"Insulated Bottle 0.75 l", "29.95", "insulated-bottle"},
            new String[] {"Trekking Poles <Carbon>", "119.00", "trekking-poles-carbon"},
            new String[] {"Down Sleeping Bag -5 °C", "279.00", "down-sleeping-bag"},
            new String[] {"Headlamp 400 lm", "44.90", "headlamp-400"},
            new String[] {"Men's Softshell Trousers", "99.00", "softshell-trousers"},
            new String[] {"Daypack 22 L", "74.00", "daypack-22"},
            new String[] {"Camp Stove & Pot Set", "89.00", "camp-stove-set"},
            new String[] {"Gaiters \"Alpine\"", "39.00", "gaiters-alpine"},
            new String[] {"Kids' Rain Boots", "34.90", "kids-rain-boots"},
            new String[] {"Hammock Ultralight", "59.00", "hammock-ultralight"},
            new String[] {"First-Aid Kit (Trek)", "27.50", "first-aid-kit-trek"},
            new String[] {"Wool Socks 3-Pack", "24.00", "wool-socks-3"},
            new String[] {"Compass & Map Case", "31.00", "compass-map-case"},
            new String[] {"Fleece Midlayer", "69.00", "fleece-midlayer"},
            new String[] {"Sun Hat UPF 50+", "29.00", "sun-hat-upf50"},
            new String[] {"Water Filter 1 L/min", "54.95", "water-filter"},
            new String[] {"Bivvy Bag", "149.00", "bivvy-bag"},
            new String[] {"Gloves 'Touch'", "22.00", "gloves-touch"},
            new String[] {"Approach Shoes", "159.00", "approach-shoes"},
            new String[] {"Seat Pad", "14.90", "seat-pad"});

    private static final LocalDate FIRST_EXPIRY = LocalDate.of(2027, 1, 1);

    private Recipients() {
    }

    private static Market market(String country, String language, String currency, double perEuro, String... cities) {
        return new Market(country, language, Locale.forLanguageTag(language + "-" + country), currency, perEuro,
                List.of(cities));
    }

    /** The same list for the same count and seed, on every machine. */
    public static List<Recipient> generate(int count, long seed) {
        Random random = new Random(seed);
        HexFormat hex = HexFormat.of();
        List<Recipient> recipients = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            Market market = MARKETS.get(random.nextInt(MARKETS.size()));
            DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(market.locale());
            NumberFormat money = NumberFormat.getCurrencyInstance(market.locale());
            money.setCurrency(Currency.getInstance(market.currency()));
            String firstName = random.nextInt(20) == 0 ? null : pick(random, FIRST_NAMES);
            String city = random.nextInt(10) == 0 ? null : pick(random, market.cities());
            // Most members hold few points; a long tail reaches the Gold offer (5,000 and more).
            int points = (int) Math.min(40_000, Math.round(-Math.log(1 - random.nextDouble()) * 2_500));
            String lastOrder = random.nextInt(5) == 0 ? null : String.format("SO-%07d", random.nextInt(10_000_000));
            byte[] token = new byte[8];
            random.nextBytes(token);
            String coupon = "SPRING-" + hex.formatHex(token, 0, 3).toUpperCase(Locale.ROOT);
            random.nextBytes(token);
            String unsubscribe = "https://shop.example.com/unsubscribe?r=" + id + "&t=" + hex.formatHex(token);
            BigDecimal credit = BigDecimal.valueOf(500 + random.nextInt(14_500), 2);
            recipients.add(new Recipient(id, firstName, pick(random, LAST_NAMES), city, market.country(),
                    market.language(), dates.format(FIRST_EXPIRY.plusDays(random.nextInt(365))),
                    money.format(local(credit, market)), points, lastOrder, coupon, unsubscribe,
                    products(random, id, market, money)));
        }
        return List.copyOf(recipients);
    }

    private static List<Product> products(Random random, int id, Market market, NumberFormat money) {
        List<Product> products = new ArrayList<>(4);
        List<Integer> chosen = new ArrayList<>(4);
        while (chosen.size() < 4) {
            int next = random.nextInt(CATALOGUE.size());
            if (!chosen.contains(next)) {
                chosen.add(next);
            }
        }
        for (int index : chosen) {
            String[] item = CATALOGUE.get(index);
            String price = money.format(local(new BigDecimal(item[1]), market));
            products.add(new Product(item[0], price,
                    "https://shop.example.com/p/" + item[2] + "?r=" + id,
                    "https://img.example.com/p/" + item[2] + "-240.jpg"));
        }
        return products;
    }

    private static BigDecimal local(BigDecimal euros, Market market) {
        return euros.multiply(BigDecimal.valueOf(market.perEuro())).setScale(2, RoundingMode.HALF_UP);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
