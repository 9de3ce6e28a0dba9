package org.tailor.connector.collector.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to answer: a status and a JSON body.
 *
 * @param retryAfterSeconds for a 503, when to try again; 0 for none
 */
record CollectResponse(int status, String json, int retryAfterSeconds) {

    static final CollectResponse SUCCESS = new CollectResponse(200, "{\"success\":true}", 0);

    static CollectResponse error(int status, String message) {
        return new CollectResponse(status, failure(message), 0);
    }

    static CollectResponse retryLater(String message) {
        return new CollectResponse(503, failure(message), 1);
    }

    /** Some calls were invalid; each error has index, messageId (when known), field and reason. */
    static CollectResponse partial(List<Map<String, Object>> errors, long accepted) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("errors", errors);
        body.put("accepted", accepted);
        return new CollectResponse(400, JsonOut.write(body), 0);
    }

    private static String failure(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", message);
        return JsonOut.write(body);
    }
}
