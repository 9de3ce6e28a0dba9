package org.tailor.segments.internal;

import java.util.List;

/** The names under which the built-in scores are stored. */
final class ScoreNames {

    static final String RFM_RECENCY = "rfm_recency";
    static final String RFM_FREQUENCY = "rfm_frequency";
    static final String RFM_MONETARY = "rfm_monetary";
    static final String RFM = "rfm";
    static final String ENGAGEMENT = "engagement";
    static final String CLUSTER = "cluster";

    /** The numeric built-in scores, which plans may take as inputs. */
    static final List<String> NUMERIC = List.of(RFM, RFM_RECENCY, RFM_FREQUENCY, RFM_MONETARY, ENGAGEMENT);

    private ScoreNames() {
    }
}
