package ${package}.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in for the partner's API on 127.0.0.1: serves the page stored for each cursor. */
final class PartnerApi implements AutoCloseable {

    /** What the API answers for the first page, which has no cursor. */
    static final String FIRST = "";

    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int failWith;

    PartnerApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/customers", this::answer);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Serves the JSON for requests at the cursor ({@link PartnerApi}.FIRST for the first page). */
    void page(String cursor, String json) {
        pages.put(cursor, json);
    }

    /** Answers every request with this HTTP status; 0 answers normally again. */
    void failWith(int status) {
        failWith = status;
    }

    /** The query string of every request so far, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(query);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "" : authorization);
            if (failWith != 0) {
                send(exchange, failWith, "{\"error\":\"unavailable\"}");
                return;
            }
            String json = pages.get(cursor(query));
            if (json == null) {
                send(exchange, 404, "{\"error\":\"unknown cursor\"}");
            } else {
                send(exchange, 200, json);
            }
        }
    }

    private static String cursor(String query) {
        for (String parameter : query == null ? new String[0] : query.split("&")) {
            if (parameter.startsWith("cursor=")) {
                return URLDecoder.decode(parameter.substring("cursor=".length()), StandardCharsets.UTF_8);
            }
        }
        return FIRST;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
