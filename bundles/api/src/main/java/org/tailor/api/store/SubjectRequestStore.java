package org.tailor.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.SubjectRequest;

/**
 * The log of data-subject requests. Opening and completing a request are also appended to the
 * audit chain.
 *
 * <p>Thread safe. Methods throw {@link StoreException} when the database fails.
 */
@ProviderType
public interface SubjectRequestStore {

    /** Stores a new request, normally {@link SubjectRequest.State#RUNNING}. */
    void open(SubjectRequest request);

    /**
     * Records how a running request ended.
     *
     * @param state {@link SubjectRequest.State#DONE} or {@link SubjectRequest.State#FAILED}
     * @throws StoreException if there is no such running request
     */
    SubjectRequest complete(String id, SubjectRequest.State state, Instant completedAt, String detail);

    Optional<SubjectRequest> find(String id);

    /** Up to {@code limit} requests, newest first; never null. */
    List<SubjectRequest> list(int limit);
}
