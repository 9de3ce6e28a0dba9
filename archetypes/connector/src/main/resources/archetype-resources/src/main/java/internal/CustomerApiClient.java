package ${package}.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads pages of customers: {@code GET <base>/customers?limit=<n>[&cursor=<c>]}, answered with
 * {@code {"customers": [...], "nextCursor": "...", "hasMore": true}}.
 */
final class CustomerApiClient {

    private static final int ERROR_BODY_CHARS = 200;

    private final HttpClient http;
    private final String base;
    private final String token;
    private final int pageSize;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    CustomerApiClient(String baseUrl, String token, int pageSize, Duration timeout) {
        String trimmed = baseUrl.strip();
        URI uri = URI.create(trimmed);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("base.url " + trimmed + " is not an http or https URL");
        }
        this.base = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        this.token = token.strip();
        this.pageSize = pageSize;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    String customersUrl() {
        return base + "/customers";
    }

    /** The page that starts at the cursor, or at the very beginning when the cursor is empty. */
    CustomerPage fetch(Optional<String> cursor) throws IOException, InterruptedException {
        URI uri = URI.create(customersUrl() + "?limit=" + pageSize
                + cursor.map(c -> "&cursor=" + URLEncoder.encode(c, StandardCharsets.UTF_8)).orElse(""));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                byte[] start = body.readNBytes(ERROR_BODY_CHARS);
                throw new IOException("GET " + uri + " answered HTTP " + response.statusCode() + ": "
                        + new String(start, StandardCharsets.UTF_8).strip());
            }
            return page(uri, body);
        }
    }

    private CustomerPage page(URI uri, InputStream body) throws IOException {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new IOException("GET " + uri + " answered with JSON that cannot be read: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("customers").isArray()) {
            throw new IOException("GET " + uri + " answered with something that is not a customer page:"
                    + " expected an object with a customers list");
        }
        List<JsonNode> customers = new ArrayList<>();
        root.get("customers").forEach(customers::add);
        JsonNode next = root.path("nextCursor");
        Optional<String> nextCursor = next.isTextual() && !next.textValue().isEmpty()
                ? Optional.of(next.textValue()) : Optional.empty();
        return new CustomerPage(customers, nextCursor, root.path("hasMore").asBoolean(false));
    }
}
