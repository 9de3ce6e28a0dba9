package org.tailor.segments.internal;

/**
 * RFM scores of every buyer: recency from {@code last_order_at}, frequency from
 * {@code order_count}, monetary from {@code lifetime_value}, each 1 to 5 by {@link Quintiles} over
 * all buyers, so 5 is the most recent, most frequent and highest-spending fifth. Profiles that are
 * not buyers ({@link ProfileColumns#isBuyer}) have no RFM scores (0 here).
 */
final class RfmScores {

    private final int[] recency;
    private final int[] frequency;
    private final int[] monetary;

    private RfmScores(int[] recency, int[] frequency, int[] monetary) {
        this.recency = recency;
        this.frequency = frequency;
        this.monetary = monetary;
    }

    static RfmScores of(ProfileColumns profiles) {
        int rows = profiles.size();
        int buyers = 0;
        for (int row = 0; row < rows; row++) {
            if (profiles.isBuyer(row)) {
                buyers++;
            }
        }
        int[] buyerRows = new int[buyers];
        double[] last = new double[buyers];
        double[] count = new double[buyers];
        double[] value = new double[buyers];
        int b = 0;
        for (int row = 0; row < rows; row++) {
            if (profiles.isBuyer(row)) {
                buyerRows[b] = row;
                last[b] = profiles.lastOrderDays(row);
                count[b] = profiles.orderCount(row);
                value[b] = profiles.lifetimeValue(row);
                b++;
            }
        }
        return new RfmScores(scatter(rows, buyerRows, Quintiles.of(last)), scatter(rows, buyerRows, Quintiles.of(count)),
                scatter(rows, buyerRows, Quintiles.of(value)));
    }

    private static int[] scatter(int rows, int[] buyerRows, int[] scores) {
        int[] byRow = new int[rows];
        for (int b = 0; b < buyerRows.length; b++) {
            byRow[buyerRows[b]] = scores[b];
        }
        return byRow;
    }

    boolean has(int row) {
        return recency[row] != 0;
    }

    int recency(int row) {
        return recency[row];
    }

    int frequency(int row) {
        return frequency[row];
    }

    int monetary(int row) {
        return monetary[row];
    }

    /** The three digits as one number, recency first: 545. */
    int combined(int row) {
        return 100 * recency[row] + 10 * frequency[row] + monetary[row];
    }
}
