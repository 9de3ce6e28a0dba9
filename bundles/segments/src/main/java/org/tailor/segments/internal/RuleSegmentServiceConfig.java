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
}
