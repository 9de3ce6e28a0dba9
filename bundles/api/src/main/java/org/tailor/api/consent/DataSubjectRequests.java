package org.tailor.api.consent;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.SubjectRequest;

/**
 * Data-subject requests: access (export everything held about a person as JSON) and erasure.
 * Every request is logged with its completion time, and in the audit chain.
 *
 * <p>Thread safe.
 */
@ProviderType
public interface DataSubjectRequests {

    /**
     * Exports the person the profile id belongs to (merged profiles included): profile, identities,
     * events, consent history, orders, messages in the outbox and whether their address is suppressed.
     */
    SubjectExport export(String profileId, String actor);

    /**
     * Erases the person across the store (profiles, identities, events, orders, outbox, merges, scores,
     * segment membership) and every {@link ErasureParticipant}, after adding their addresses to the
     * suppression list, so that they are never re-imported and mailed. The consent history stays as
     * the proof the law allows to keep; it names only the profile id.
     *
     * @return the request as logged: done, or failed with the reason (it can be run again)
     */
    SubjectRequest erase(String profileId, String actor);

    Optional<SubjectRequest> find(String requestId);

    /** The latest requests, newest first; never null. */
    List<SubjectRequest> list(int limit);
}
