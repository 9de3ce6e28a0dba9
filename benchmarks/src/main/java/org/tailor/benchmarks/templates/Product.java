package org.tailor.benchmarks.templates;

/**
 * One recommended product as the email shows it.
 *
 * @param name display name, as the shop has it (may hold characters HTML must escape)
 * @param price the price already formatted in the recipient's locale and currency
 * @param url the product page, tagged with the recipient for click tracking
 * @param imageUrl the picture
 */
public record Product(String name, String price, String url, String imageUrl) {
}
