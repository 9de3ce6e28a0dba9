package org.tailor.api.content;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.Profile;
import org.tailor.api.model.RenderedMessage;

/**
 * Turns a template and a profile into a personalized message.
 *
 * <p>Thread safe. Templates are data: they can read the profile and the variables they are
 * given, and nothing else on the server. A render that fails throws; it never returns a
 * half-filled message.
 */
@ProviderType
public interface ContentRenderer {

    /** Ids of the templates that loaded without errors; never null. */
    List<String> templates();

    /**
     * Definitions that failed to load, one line each naming the file, line, column and
     * reason; never null.
     */
    List<String> problems();

    /**
     * Renders the template for one recipient.
     *
     * @param variables extra values the template may read, for example {@code unsubscribe_url}; never null
     * @throws RenderException if the template is unknown or fails for this profile
     */
    RenderedMessage render(String templateId, Profile profile, String recipient, Map<String, Object> variables)
            throws RenderException;

    /**
     * Renders as {@link #render} does and says how: the variant of every slot and why, and the merge
     * fields that used their defaults. Slower than {@link #render}; for previews.
     *
     * @throws RenderException if the template is unknown or fails for this profile
     */
    ExplainedMessage explain(String templateId, Profile profile, String recipient, Map<String, Object> variables)
            throws RenderException;
}
