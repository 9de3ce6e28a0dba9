package org.tailor.segments.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.ToDoubleFunction;

/**
 * Names clusters from their centroids. The rules below are tried in this order; each names the
 * one cluster not named yet that qualifies and scores highest on its measure (ties: the larger
 * cluster, then the earlier one), or no cluster if none qualifies. "Above average" compares with
 * the mean over the whole store; rates are per 30 days.
 * <ol>
 * <li>Dormant: mean days since activity at least the dormant threshold; the highest.</li>
 * <li>Power buyers: order rate above 0 and above average; the highest order rate.</li>
 * <li>Engagers: email opens and clicks rate above 0 and above average; the highest such rate.</li>
 * <li>Browsers: view rate above 0 and depth (clicks and orders share) 0 or below average; the highest view rate.</li>
 * <li>Category loyalists: top-category share above average; the highest share.</li>
 * </ol>
 * Clusters left over are "Others", or "Others 1", "Others 2"… by decreasing size when there are
 * several. So names are unique and follow from the centroids alone.
 */
final class ClusterNamer {

    static final String DORMANT = "Dormant";
    static final String POWER_BUYERS = "Power buyers";
    static final String ENGAGERS = "Engagers";
    static final String BROWSERS = "Browsers";
    static final String CATEGORY_LOYALISTS = "Category loyalists";
    static final String OTHERS = "Others";

    private record NameRule(String name, BiPredicate<Behaviour, Behaviour> qualifies, ToDoubleFunction<Behaviour> measure) {
    }

    private ClusterNamer() {
    }

    /**
     * The name of each cluster, in the same order.
     *
     * @param store the mean over every profile
     * @param dormantDays from how many days without activity on average a cluster is dormant
     */
    static List<String> names(List<ClusterSummary> clusters, ClusterSummary store, int dormantDays) {
        List<NameRule> rules = List.of(
                new NameRule(DORMANT, (c, s) -> c.recencyDays() >= dormantDays, Behaviour::recencyDays),
                new NameRule(POWER_BUYERS, (c, s) -> c.orderRate() > 0 && c.orderRate() > s.orderRate(), Behaviour::orderRate),
                new NameRule(ENGAGERS, (c, s) -> c.emailRate() > 0 && c.emailRate() > s.emailRate(), Behaviour::emailRate),
                new NameRule(BROWSERS, (c, s) -> c.viewRate() > 0 && (c.depth() == 0 || c.depth() < s.depth()), Behaviour::viewRate),
                new NameRule(CATEGORY_LOYALISTS, (c, s) -> c.affinity() > s.affinity(), Behaviour::affinity));
        String[] names = new String[clusters.size()];
        for (NameRule rule : rules) {
            int best = -1;
            for (int i = 0; i < clusters.size(); i++) {
                ClusterSummary candidate = clusters.get(i);
                if (names[i] != null || candidate.size() == 0 || !rule.qualifies().test(candidate.mean(), store.mean())) {
                    continue;
                }
                if (best < 0 || better(rule, candidate, clusters.get(best))) {
                    best = i;
                }
            }
            if (best >= 0) {
                names[best] = rule.name();
            }
        }
        nameTheRest(clusters, names);
        return Arrays.asList(names);
    }

    private static boolean better(NameRule rule, ClusterSummary candidate, ClusterSummary best) {
        int byMeasure = Double.compare(rule.measure().applyAsDouble(candidate.mean()), rule.measure().applyAsDouble(best.mean()));
        return byMeasure > 0 || (byMeasure == 0 && candidate.size() > best.size());
    }

    private static void nameTheRest(List<ClusterSummary> clusters, String[] names) {
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null) {
                rest.add(i);
            }
        }
        if (rest.size() == 1) {
            names[rest.get(0)] = OTHERS;
            return;
        }
        // A stable sort keeps equal sizes in cluster order.
        rest.sort((a, b) -> Long.compare(clusters.get(b).size(), clusters.get(a).size()));
        for (int n = 0; n < rest.size(); n++) {
            names[rest.get(n)] = OTHERS + " " + (n + 1);
        }
    }
}
