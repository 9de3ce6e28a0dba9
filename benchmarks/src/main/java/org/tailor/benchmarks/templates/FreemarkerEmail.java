package org.tailor.benchmarks.templates;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * FreeMarker configured as its manual recommends for new projects: the current incompatible
 * improvements, UTF-8, exceptions rethrown, and {@code .ftlh} files in the HTML output format
 * (auto-escaping). Reads {@code templates/email.ftlh} from the class path and the
 * {@link EmailModel} maps.
 */
final class FreemarkerEmail implements EmailEngine {

    @Override
    public Rendering prepare(List<Recipient> recipients) throws Exception {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_35);
        configuration.setClassLoaderForTemplateLoading(FreemarkerEmail.class.getClassLoader(), "templates");
        configuration.setDefaultEncoding(StandardCharsets.UTF_8.name());
        configuration.setLocale(Locale.ROOT);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        Template template = configuration.getTemplate("email.ftlh");
        List<Map<String, Object>> models = EmailModel.models(recipients);
        return recipient -> {
            StringWriter out = new StringWriter();
            template.process(models.get(recipient), out);
            return out.toString();
        };
    }
}
