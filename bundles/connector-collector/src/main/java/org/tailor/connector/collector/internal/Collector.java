package org.tailor.connector.collector.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.IngestService;
import org.tailor.api.ingest.Violation;
import org.tailor.api.store.StoreException;

/**
 * Handles one collector request from path to answer, without a servlet container: resolves the
 * route, reads the body within its limit, authenticates the write key (Basic user name, else the
 * body's {@code writeKey}), maps every call and ingests the valid ones. Invalid calls of a batch
 * are answered together in one 400 while the valid calls of the same batch are kept. A store
 * failure answers 503 so that the client retries; event ids make the retry store nothing twice.
 *
 * <p>Thread safe: one instance serves all request threads.
 */
final class Collector {

    /** Limits on request bodies, in bytes of JSON. */
    record Limits(int maxCallBytes, int maxBatchBytes) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

    private final Limits limits;
    private final SourceDirectory sources;
    private final IngestService ingest;
    private final GlobalPrivacyControl gpc;
    private final Clock clock;
    private final CollectorCounters counters;

    Collector(Limits limits, SourceDirectory sources, IngestService ingest, ConsentService consent, Clock clock,
              CollectorCounters counters) {
        this.limits = limits;
        this.sources = sources;
        this.ingest = ingest;
        this.gpc = new GlobalPrivacyControl(consent);
        this.clock = clock;
        this.counters = counters;
    }

    CollectResponse handle(CollectRequest request) {
        Instant receivedAt = clock.instant();
        Optional<Route> route = Route.of(request.path());
        if (route.isEmpty()) {
            return refused(receivedAt, 404, "no tracking call at " + Texts.excerpt(String.valueOf(request.path()))
                    + "; post to /v1/identify, /v1/track, /v1/page, /v1/screen, /v1/alias, /v1/group or /v1/batch");
        }
        boolean batch = route.get().isBatch();

        Optional<Source> source = Optional.empty();
        if (request.authorization() != null) {
            Optional<String> key = BasicAuth.username(request.authorization());
            source = key.flatMap(sources::find);
            if (source.isEmpty()) {
                return refused(receivedAt, 401, key.isEmpty()
                        ? "the Authorization header must be Basic credentials with the write key as user name and an empty password"
                        : "the write key is not the key of any source");
            }
        }

        byte[] body;
        try {
            body = RequestBody.read(request.body(), request.contentLength(), request.contentEncoding(),
                    batch ? limits.maxBatchBytes() : limits.maxCallBytes(), batch ? RequestBody.BATCH : RequestBody.SINGLE_CALL);
        } catch (RequestBody.TooLargeException e) {
            return refused(receivedAt, 413, e.getMessage());
        } catch (RequestBody.UndecodableException e) {
            return refused(receivedAt, e.unsupportedEncoding() ? 415 : 400, e.getMessage());
        } catch (IOException e) {
            return refused(receivedAt, 400, "the request body could not be read: " + e.getMessage());
        }

        JsonTree.Parsed parsed;
        try {
            parsed = JsonTree.parse(body);
        } catch (JsonTree.MalformedJsonException e) {
            return refused(receivedAt, 400, "malformed JSON: " + e.getMessage(), "malformed JSON in a request body");
        }
        if (!(parsed.root() instanceof Map<?, ?> root)) {
            return refused(receivedAt, 400, "the body must be a JSON object, not " + CallFields.describe(parsed.root()));
        }

        List<?> calls;
        Optional<Instant> sentAt;
        try {
            if (batch) {
                Object elements = root.get("batch");
                if (!(elements instanceof List<?> list)) {
                    return refused(receivedAt, 400, elements == null ? "batch: missing; a batch request holds its calls"
                            + " in an array named batch" : "batch: must be an array, not " + CallFields.describe(elements));
                }
                calls = list;
            } else {
                calls = List.of(root);
            }
            sentAt = CallFields.instant("sentAt", root.get("sentAt"));
        } catch (InvalidCallException e) {
            return refused(receivedAt, 400, e.field() + ": " + e.reason());
        }

        if (source.isEmpty()) {
            Optional<String> key = bodyWriteKey(root, calls);
            source = key.flatMap(sources::find);
            if (source.isEmpty()) {
                return refused(receivedAt, 401, key.isEmpty()
                        ? "no write key: send it as the Basic user name (empty password) or as writeKey in the body"
                        : "the write key is not the key of any source");
            }
        }
        return ingestAll(request, source.get(), calls, parsed.batchElementBytes(), sentAt, receivedAt);
    }

    private CollectResponse ingestAll(CollectRequest request, Source source, List<?> calls, List<Integer> sizes,
                                      Optional<Instant> sentAt, Instant receivedAt) {
        CallMapper.Request context = new CallMapper.Request(source.name(), receivedAt, sentAt);
        Optional<CallType> pathType = Route.of(request.path()).orElseThrow().call();
        List<Map<String, Object>> errors = new ArrayList<>();
        Set<String> profiles = new LinkedHashSet<>();
        long accepted = 0;
        long rejected = 0;
        List<Integer> mappedIndexes = new ArrayList<>();
        List<CallMapper.Mapped> mappedCalls = new ArrayList<>();
        try {
            for (int index = 0; index < calls.size(); index++) {
                Object call = calls.get(index);
                if (index < sizes.size() && sizes.get(index) > limits.maxCallBytes()) {
                    errors.add(error(index, CallMapper.map(call, pathType, "", context).messageId(), "*",
                            "the call is " + sizes.get(index) + " bytes; a single call may have at most "
                                    + limits.maxCallBytes() + " bytes"));
                    rejected++;
                    continue;
                }
                Optional<String> foreignKey = foreignWriteKey(call, source);
                CallMapper.Outcome outcome = CallMapper.map(call, pathType, "#" + index, context);
                if (foreignKey.isPresent()) {
                    errors.add(error(index, outcome.messageId(), "writeKey", foreignKey.get()));
                    rejected++;
                } else if (outcome instanceof CallMapper.Invalid invalid) {
                    errors.add(error(index, invalid.messageId(), invalid.field(), invalid.reason()));
                    rejected++;
                } else if (outcome instanceof CallMapper.Mapped mapped) {
                    mappedIndexes.add(index);
                    mappedCalls.add(mapped);
                }
            }
            // One hand-over for the whole request: ingest stores a batch in a few round trips.
            List<IngestResult> results = mappedCalls.isEmpty() ? List.of()
                    : ingest.ingestAll(mappedCalls.stream().map(CallMapper.Mapped::record).toList());
            for (int i = 0; i < results.size(); i++) {
                IngestResult result = results.get(i);
                if (result.isAccepted()) {
                    profiles.add(result.profileId().orElseThrow());
                    accepted++;
                } else {
                    for (Violation violation : result.violations()) {
                        errors.add(error(mappedIndexes.get(i), mappedCalls.get(i).messageId(), violation.field(), violation.reason()));
                    }
                    rejected++;
                }
            }
            errors.sort(java.util.Comparator.comparingInt(e -> (Integer) e.get("index")));
            if (GlobalPrivacyControl.signalled(request.gpc()) && !profiles.isEmpty()) {
                gpc.honour(profiles, source.name(), receivedAt);
            }
        } catch (StoreException e) {
            counters.calls(accepted, rejected);
            LOG.warn("Source {}: the store failed after {} of {} calls; answered 503 so the client retries: {}",
                    source.name(), accepted + rejected, calls.size(), e.getMessage());
            counters.requestFailed(receivedAt, "source " + source.name() + ": store failed: " + e.getMessage());
            return CollectResponse.retryLater("the event store is unavailable; retry the request"
                    + " (calls already stored are recognised by their messageId and stored once)");
        }
        counters.calls(accepted, rejected);
        counters.requestDone(receivedAt);
        if (errors.isEmpty()) {
            return CollectResponse.SUCCESS;
        }
        LOG.debug("Source {}: {} calls accepted, {} rejected", source.name(), accepted, rejected);
        counters.error("source " + source.name() + ": call " + errors.get(0).get("index") + ", "
                + errors.get(0).get("field") + ": " + errors.get(0).get("reason"));
        return CollectResponse.partial(errors, accepted);
    }

    /** analytics.js puts the key at the top of a single call, and at the top of a batch (copied from its first call). */
    private static Optional<String> bodyWriteKey(Map<?, ?> root, List<?> calls) {
        if (root.get("writeKey") instanceof String key && !key.isEmpty()) {
            return Optional.of(key);
        }
        if (!calls.isEmpty() && calls.get(0) instanceof Map<?, ?> first
                && first.get("writeKey") instanceof String key && !key.isEmpty()) {
            return Optional.of(key);
        }
        return Optional.empty();
    }

    /** A call of a batch that carries its own write key must carry the request's source's key. */
    private Optional<String> foreignWriteKey(Object call, Source source) {
        if (!(call instanceof Map<?, ?> map) || !map.containsKey("writeKey")) {
            return Optional.empty();
        }
        Object key = map.get("writeKey");
        if (!(key instanceof String text)) {
            return Optional.of("must be a string, not " + CallFields.describe(key));
        }
        if (text.isEmpty() || sources.find(text).filter(found -> found == source).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("this call's write key is not the key of the source the request was authenticated as");
    }

    private static Map<String, Object> error(int index, Optional<String> messageId, String field, String reason) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("index", index);
        messageId.ifPresent(id -> error.put("messageId", id));
        error.put("field", field);
        error.put("reason", reason);
        return error;
    }

    private CollectResponse refused(Instant at, int status, String message) {
        return refused(at, status, message, message);
    }

    /** @param logged what the console shows: never a write key, and for bad JSON not the client's text */
    private CollectResponse refused(Instant at, int status, String message, String logged) {
        counters.requestFailed(at, status + " " + logged);
        LOG.debug("Refused a request with {}: {}", status, logged);
        return CollectResponse.error(status, message);
    }
}
