package org.tailor.segments.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tailor scoring",
        description = "Computes RFM, engagement, scoring plans and behavioural clusters over the store and keeps them in the score store.")
@interface StoreScoringServiceConfig {

    @AttributeDefinition(name = "Interval (minutes)",
            description = "How often every score is recomputed; 0 recomputes only on demand (tailor console).")
    long interval_minutes() default 60;

    @AttributeDefinition(name = "Start delay (seconds)",
            description = "How long after start the first scheduled recompute runs.")
    long start_delay_seconds() default 60;

    @AttributeDefinition(name = "Scoring plans directory",
            description = "Folder of scoring plan <id>.json files; blank means ${karaf.etc}/tailor/scores.")
    String plans_directory() default "";

    @AttributeDefinition(name = "Event horizon (days)",
            description = "How far back events are read for engagement and clusters (longer when a plan counts further back).")
    int horizon_days() default 365;

    @AttributeDefinition(name = "Engagement half-life (days)",
            description = "An event's weight in the engagement score halves every this many days.")
    double engagement_half_life_days() default 14;

    @AttributeDefinition(name = "Engagement weights",
            description = "type=weight per event type counted in the engagement score; other types count 0.")
    String[] engagement_weights() default {"email_opened=1", "email_link_clicked=3", "page_viewed=0.5", "screen_viewed=0.5",
        "product_viewed=1", "order=5"};

    @AttributeDefinition(name = "Engagement midpoint",
            description = "The decayed weighted sum that scores 50; the score is 100 * sum / (sum + midpoint).")
    double engagement_midpoint() default 5;

    @AttributeDefinition(name = "Clusters", description = "How many behavioural clusters to form (k), 1 to 20.")
    int clusters() default 4;

    @AttributeDefinition(name = "Cluster seed", description = "Seeds k-means++, so that the same data gives the same clusters.")
    long cluster_seed() default 20261123L;

    @AttributeDefinition(name = "Cluster sample",
            description = "At most this many profiles, spread over the id order, are used to fit the clusters; all are assigned.")
    int cluster_sample() default 50_000;

    @AttributeDefinition(name = "Cluster iterations", description = "The k-means iteration limit.")
    int cluster_max_iterations() default 100;

    @AttributeDefinition(name = "Cluster trials",
            description = "How many times k-means++ runs from different starting centroids; the tightest fit is kept.")
    int cluster_trials() default 10;

    @AttributeDefinition(name = "Dormant after (days)",
            description = "A cluster whose members average at least this many days without activity is named Dormant.")
    int dormant_days() default 90;

    @AttributeDefinition(name = "Order event types", description = "Event types that are orders, for clusters.")
    String[] order_types() default {"order"};

    @AttributeDefinition(name = "Email click event types", description = "Event types that are clicks in emails, for clusters.")
    String[] click_types() default {"email_link_clicked"};

    @AttributeDefinition(name = "Email open event types", description = "Event types that are email opens, for clusters.")
    String[] open_types() default {"email_opened"};

    @AttributeDefinition(name = "View event types", description = "Event types that are page, screen or product views, for clusters.")
    String[] view_types() default {"product_viewed", "page_viewed", "screen_viewed"};
}
