package org.tailor.api.consent;

import java.util.Objects;
import org.tailor.api.model.SubjectRequest;

/**
 * The answer to an access request (GDPR Art. 15): the logged request and everything held about the person.
 *
 * @param request the request as logged, {@link SubjectRequest.State#DONE} or {@link SubjectRequest.State#FAILED}
 * @param json the export, a UTF-8 JSON object; empty when the request failed
 */
public record SubjectExport(SubjectRequest request, String json) {

    public SubjectExport {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(json, "json");
    }
}
