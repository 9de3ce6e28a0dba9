package org.tailor.benchmarks.templates;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.tailor.content.internal.TailorRendererEmail;
import org.tailor.content.internal.TailorSandboxedEmail;

/** The engines the benchmark knows, by the name used in {@code -p engine=...}. */
public final class EmailEngines {

    /** Every engine's output is compared with this one's before measuring. */
    public static final String REFERENCE = "jte";

    private static final Map<String, Supplier<EmailEngine>> ENGINES = engines();

    private EmailEngines() {
    }

    private static Map<String, Supplier<EmailEngine>> engines() {
        Map<String, Supplier<EmailEngine>> engines = new LinkedHashMap<>();
        engines.put("jte", JteEmail::new);
        engines.put("pebble", PebbleEmail::new);
        engines.put("freemarker", FreemarkerEmail::new);
        engines.put("velocity", VelocityEmail::new);
        engines.put("tailor-sandboxed", TailorSandboxedEmail::new);
        engines.put("tailor-renderer", TailorRendererEmail::new);
        engines.put("tailor-modular", org.tailor.content.internal.TailorModularEmail::new);
        return engines;
    }

    public static Set<String> names() {
        return ENGINES.keySet();
    }

    /** @throws IllegalArgumentException for a name not registered */
    public static EmailEngine named(String name) {
        Supplier<EmailEngine> engine = ENGINES.get(name);
        if (engine == null) {
            throw new IllegalArgumentException("no engine '" + name + "'; known: " + names());
        }
        return engine.get();
    }
}
