package org.tailor.segments.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tailor segments",
        description = "Loads segment rule files (<id>.json or <id>.seg) and evaluates who is in each segment.")
@interface RuleSegmentServiceConfig {

    @AttributeDefinition(name = "Segments directory",
            description = "Folder of segment <id>.json and <id>.seg files; blank means ${karaf.etc}/tailor/segments.")
    String directory() default "";

    @AttributeDefinition(name = "Reload interval (ms)",
            description = "How often the files' modification times are checked and changed files loaded again; "
                    + "0 loads them only at start.")
    long reload_ms() default 2000;

    @AttributeDefinition(name = "Recompute interval (minutes)",
            description = "How often the stored membership of every segment is recomputed, so that members enter and "
                    + "leave as time windows move; the first run is at start. 0 recomputes only when a definition "
                    + "changes or on demand.")
    long recompute_minutes() default 15;

    @AttributeDefinition(name = "Live membership",
            description = "Keep profiles and the events the segments' windows reach in memory, so that membership "
                    + "follows every ingest at once; off, membership changes only at recomputes.")
    boolean live_enabled() default true;

    @AttributeDefinition(name = "Sweep interval (seconds)",
            description = "How often live membership re-tests the profiles for which time alone changed something "
                    + "(an event left a window, a day turned); 0 leaves that to the recomputes.")
    long sweep_seconds() default 60;

    @AttributeDefinition(name = "Evaluation threads", description = "Threads that evaluate a whole segment.")
    int evaluation_threads() default 2;
}
