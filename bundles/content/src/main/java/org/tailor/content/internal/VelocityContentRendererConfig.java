package org.tailor.content.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tailor content renderer",
        description = "Velocity template packs, one folder per template, rendered in a sandbox.")
@interface VelocityContentRendererConfig {

    @AttributeDefinition(name = "Template folder",
            description = "Folder holding one sub-folder per template (subject.vm, body.html.vm, optional "
                    + "body.txt.vm). Blank means ${karaf.etc}/tailor/templates.")
    String directory() default "";

    @AttributeDefinition(name = "Scan interval (ms)", min = "0",
            description = "How often the folder is checked for changed, new and deleted templates (by file "
                    + "modification time and size); 0 loads them once at activation only.")
    long scan_interval_ms() default 2000L;

    @AttributeDefinition(name = "Output limit (characters)", min = "1",
            description = "Largest number of characters one rendered part (subject, HTML or text) may have, "
                    + "and one value a template may store with #set; more fails the render.")
    int max_output_chars() default 262_144;

    @AttributeDefinition(name = "Loop limit", min = "1",
            description = "Largest number of iterations of one #foreach loop (Velocity's "
                    + "directive.foreach.max_loops); a longer loop fails the render.")
    int max_loop_iterations() default 1000;

    @AttributeDefinition(name = "Render timeout (ms)", min = "1",
            description = "Longest time one message (all its parts) may take to render; after it the render "
                    + "is interrupted and fails.")
    long render_timeout_ms() default 2000L;

    @AttributeDefinition(name = "Profile schema",
            description = "The profile attributes templates may use as merge fields; a modular pack using another "
                    + "is refused at load (a misspelt field never reaches a recipient). $profile.id and "
                    + "$profile.email are always there.")
    String[] profile_attributes() default {"first_name", "last_name", "city", "country", "birth_date", "signed_up_at",
            "locale", "time_zone"};

    @AttributeDefinition(name = "Default locale",
            description = "Locale of $format for recipients without a valid locale attribute (BCP 47, e.g. en-GB).")
    String default_locale() default "en";

    @AttributeDefinition(name = "Default time zone",
            description = "Time zone of $format for recipients without a valid time_zone attribute.")
    String default_time_zone() default "UTC";

    @AttributeDefinition(name = "Bundle templates folder",
            description = "Where template packs shipped in bundles (manifest header Tailor-Templates) are copied; "
                    + "blank means ${karaf.data}/tailor/bundle-templates. Emptied at start.")
    String bundle_templates_directory() default "";

    @AttributeDefinition(name = "Nesting limit", min = "1",
            description = "Deepest nesting of blocks (#if, #foreach, #macro) a file may have when it loads, and of "
                    + "macro calls when it renders (Velocity's velocimacro.max_depth).")
    int max_nesting() default 20;

    @AttributeDefinition(name = "Step limit", min = "1",
            description = "Most loop turns, values set and macro calls one part may take when it renders; more fails "
                    + "the render.")
    int max_render_steps() default 1_000_000;

    @AttributeDefinition(name = "Render isolation",
            description = "inline: render on the caller's thread; the time limit is checked at every loop turn, "
                    + "value set and macro call, and everything else a template does is bounded by its size. "
                    + "thread: also render on a thread of its own that is abandoned if it overruns, at about "
                    + "20 microseconds of CPU per message.")
    String render_isolation() default "inline";
}
