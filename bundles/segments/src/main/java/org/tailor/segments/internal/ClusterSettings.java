package org.tailor.segments.internal;

/**
 * How behavioural clusters are formed.
 *
 * @param clusters how many clusters to form (k); fewer when the sample has fewer distinct points
 * @param seed seeds k-means++, so that the same data gives the same clusters
 * @param sampleSize how many profiles, at most, the clusters are fitted on
 * @param maxIterations the k-means iteration limit
 * @param trials how many times k-means++ runs from different starting centroids; the tightest fit is kept
 * @param dormantDays the mean days without activity from which a cluster is named Dormant
 */
record ClusterSettings(int clusters, long seed, int sampleSize, int maxIterations, int trials, int dormantDays) {

    static final int MAX_CLUSTERS = 20;

    ClusterSettings {
        if (clusters < 1 || clusters > MAX_CLUSTERS) {
            throw new IllegalArgumentException("the number of clusters must be 1 to " + MAX_CLUSTERS + ", got " + clusters);
        }
        if (sampleSize < clusters) {
            throw new IllegalArgumentException("the cluster sample must hold at least as many profiles as there are clusters, got "
                    + sampleSize);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("the k-means iteration limit must be at least 1, got " + maxIterations);
        }
        if (trials < 1) {
            throw new IllegalArgumentException("the number of k-means trials must be at least 1, got " + trials);
        }
        if (dormantDays < 1) {
            throw new IllegalArgumentException("the dormant threshold must be at least 1 day, got " + dormantDays);
        }
    }
}
