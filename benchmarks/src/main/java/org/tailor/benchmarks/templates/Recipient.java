package org.tailor.benchmarks.templates;

import java.util.List;

/**
 * One recipient of the benchmark email: what every engine renders from, in the engine-neutral
 * shape the generator makes. Each engine turns it into what it reads once, before measuring.
 *
 * <p>The date and the amounts are already formatted in the recipient's locale: the engines' own
 * formatters do not agree byte for byte, and Tailor's sandbox offers templates no formatter, so
 * the caller formats them (as Tailor's runtime would pass them as variables).
 *
 * @param id position in the recipient list
 * @param firstName null when unknown (the email falls back to "there")
 * @param lastName never null
 * @param city null when unknown (each hero variant has its own fallback)
 * @param country ISO 3166 code; chooses the hero
 * @param language ISO 639 code; chooses the footer
 * @param pointsExpiry date the offer ends, formatted in the recipient's locale
 * @param credit store credit, formatted in the recipient's locale and currency
 * @param loyaltyPoints chooses the offer
 * @param lastOrderId null when the recipient never ordered
 * @param couponCode personal coupon
 * @param unsubscribeUrl unique per recipient
 * @param products the four recommended products
 */
public record Recipient(int id, String firstName, String lastName, String city, String country, String language,
                        String pointsExpiry, String credit, int loyaltyPoints, String lastOrderId, String couponCode,
                        String unsubscribeUrl, List<Product> products) {

    public Recipient {
        products = List.copyOf(products);
    }
}
