package org.tailor.benchmarks.templates;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * Pebble with its defaults (HTML autoescaping on, templates cached), reading
 * {@code templates/email.peb} from the class path and the {@link EmailModel} maps.
 */
final class PebbleEmail implements EmailEngine {

    @Override
    public Rendering prepare(List<Recipient> recipients) {
        ClasspathLoader loader = new ClasspathLoader(PebbleEmail.class.getClassLoader());
        loader.setPrefix("templates");
        PebbleEngine engine = new PebbleEngine.Builder().loader(loader).build();
        PebbleTemplate template = engine.getTemplate("email.peb");
        List<Map<String, Object>> models = EmailModel.models(recipients);
        return recipient -> {
            StringWriter out = new StringWriter();
            template.evaluate(out, models.get(recipient));
            return out.toString();
        };
    }
}
