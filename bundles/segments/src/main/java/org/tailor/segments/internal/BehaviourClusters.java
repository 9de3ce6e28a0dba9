package org.tailor.segments.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.MultiKMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.evaluation.ClusterEvaluator;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Behavioural clusters: k-means++ (Commons Math) on the four {@link Behaviour} features, each
 * standardized to mean 0 and standard deviation 1 so that days and shares weigh alike (a feature
 * that does not vary is left at 0). The clusters are fitted on a sample of at most
 * {@link ClusterSettings#sampleSize()} profiles spread evenly over the profiles in id order, then
 * every profile joins the nearest centroid; so memory stays bounded and, with the fixed seed, the
 * same store gives the same clusters. {@link ClusterNamer} names them.
 */
final class BehaviourClusters {

    private static final EuclideanDistance DISTANCE = new EuclideanDistance();

    /**
     * The outcome: each profile row's cluster, and each cluster's name and summary.
     *
     * @param clusterOfRow the cluster number of each profile row
     */
    record Result(byte[] clusterOfRow, List<String> names, List<ClusterSummary> summaries) {
        String nameOf(int row) {
            return names.get(clusterOfRow[row]);
        }
    }

    private BehaviourClusters() {
    }

    static Result compute(StorePass.Result pass, ClusterSettings settings) {
        ProfileIndex index = pass.index();
        int n = index.size();
        if (n == 0) {
            return new Result(new byte[0], List.of(), List.of());
        }
        int sampled = Math.min(n, settings.sampleSize());
        double[][] sample = new double[sampled][];
        for (int i = 0; i < sampled; i++) {
            int position = (int) ((long) i * n / sampled);
            sample[i] = behaviour(pass, index.row(position)).features();
        }
        Scaling scaling = Scaling.of(sample);
        List<DoublePoint> points = new ArrayList<>(sampled);
        Set<DoublePoint> distinct = new HashSet<>();
        for (double[] features : sample) {
            DoublePoint point = new DoublePoint(scaling.apply(features));
            points.add(point);
            distinct.add(point);
        }
        int k = Math.min(settings.clusters(), distinct.size());
        KMeansPlusPlusClusterer<DoublePoint> kMeans = new KMeansPlusPlusClusterer<>(k, settings.maxIterations(), DISTANCE,
                new Well19937c(settings.seed()));
        List<CentroidCluster<DoublePoint>> fitted = new MultiKMeansPlusPlusClusterer<>(kMeans, settings.trials(),
                new WithinClusterSquares()).cluster(points);
        double[][] centroids = fitted.stream().map(c -> c.getCenter().getPoint()).toArray(double[][]::new);

        byte[] clusterOfRow = new byte[pass.profiles().size()];
        List<ClusterSummary.Accumulator> members = new ArrayList<>();
        for (int c = 0; c < centroids.length; c++) {
            members.add(new ClusterSummary.Accumulator());
        }
        ClusterSummary.Accumulator store = new ClusterSummary.Accumulator();
        for (int position = 0; position < n; position++) {
            int row = index.row(position);
            Behaviour behaviour = behaviour(pass, row);
            int cluster = nearest(centroids, scaling.apply(behaviour.features()));
            clusterOfRow[row] = (byte) cluster;
            members.get(cluster).add(behaviour);
            store.add(behaviour);
        }
        List<ClusterSummary> summaries = members.stream().map(ClusterSummary.Accumulator::summary).toList();
        return new Result(clusterOfRow, ClusterNamer.names(summaries, store.summary(), settings.dormantDays()), summaries);
    }

    private static Behaviour behaviour(StorePass.Result pass, int row) {
        return Behaviour.of(pass.events(), row, pass.horizonDays());
    }

    /** The first of the nearest centroids, as k-means itself assigns. */
    private static int nearest(double[][] centroids, double[] point) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double distance = DISTANCE.compute(point, centroids[c]);
            if (distance < bestDistance) {
                best = c;
                bestDistance = distance;
            }
        }
        return best;
    }

    /**
     * The sum of squared distances from each point to its centroid: what k-means minimizes, so the
     * trial with the least is the best fit. (Commons Math's default evaluator sums the clusters'
     * variances unweighted by their sizes, which favours splitting off a few outliers.)
     */
    private static final class WithinClusterSquares extends ClusterEvaluator<DoublePoint> {
        WithinClusterSquares() {
            super(DISTANCE);
        }

        @Override
        public double score(List<? extends Cluster<DoublePoint>> clusters) {
            double sum = 0;
            for (Cluster<DoublePoint> cluster : clusters) {
                Clusterable centroid = centroidOf(cluster);
                for (DoublePoint point : cluster.getPoints()) {
                    double d = distance(point, centroid);
                    sum += d * d;
                }
            }
            return sum;
        }
    }

    /** Standardizes features with the sample's means and standard deviations. */
    private record Scaling(double[] means, double[] deviations) {

        static Scaling of(double[][] sample) {
            double[] means = new double[Behaviour.FEATURES];
            double[] deviations = new double[Behaviour.FEATURES];
            for (int f = 0; f < Behaviour.FEATURES; f++) {
                double[] column = new double[sample.length];
                for (int i = 0; i < sample.length; i++) {
                    column[i] = sample[i][f];
                }
                means[f] = new Mean().evaluate(column);
                double deviation = new StandardDeviation(false).evaluate(column);
                deviations[f] = deviation > 0 ? deviation : 1;
            }
            return new Scaling(means, deviations);
        }

        double[] apply(double[] features) {
            double[] scaled = new double[features.length];
            for (int f = 0; f < features.length; f++) {
                scaled[f] = (features[f] - means[f]) / deviations[f];
            }
            return scaled;
        }
    }
}
