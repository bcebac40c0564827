package io.claimflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * REST calls to a service started on a random port, as one user, answered whatever their status (the test asserts
 * it): for hostile-input tests, which send what a client should not and check the problem detail that comes back.
 */
public final class RestCalls {

    /** A JSON object body. */
    public static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private final RestClient client;
    private final Map<String, Supplier<String>> headers = new LinkedHashMap<>();

    private RestCalls(RestClient client) {
        this.client = client;
    }

    /** Calls to {@code http://localhost:port} with HTTP Basic as {@code user}. */
    public static RestCalls on(int port, String user, String password) {
        return new RestCalls(RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(user, password))
                .build());
    }

    /** Calls as one of the services' demo users ({@code user}, password {@code demo-<user>}). */
    public static RestCalls asDemoUser(int port, String user) {
        return on(port, user, "demo-" + user);
    }

    /** The client itself, for calls these shortcuts do not cover (its answers' statuses are not swallowed). */
    public RestClient client() {
        return client;
    }

    /** Adds a header to every call, its value asked anew each time (an idempotency key, say). */
    public RestCalls header(String name, Supplier<String> value) {
        headers.put(name, value);
        return this;
    }

    /**
     * The call with a JSON {@code body} (none when null; a String is sent as it is, anything else as JSON), its answer
     * as text.
     */
    public ResponseEntity<String> raw(HttpMethod method, String path, Object body) {
        return spec(method, path, body)
                .retrieve()
                .onStatus(s -> true, (req, res) -> {})
                .toEntity(String.class);
    }

    /**
     * The call with a JSON {@code body} (none when null; a String is sent as it is, anything else as JSON), its answer
     * as a JSON object.
     */
    public ResponseEntity<Map<String, Object>> json(HttpMethod method, String path, Object body) {
        return spec(method, path, body)
                .retrieve()
                .onStatus(s -> true, (req, res) -> {})
                .toEntity(JSON);
    }

    private RestClient.RequestBodySpec spec(HttpMethod method, String path, Object body) {
        RestClient.RequestBodySpec spec = client.method(method).uri(path);
        headers.forEach((name, value) -> spec.header(name, value.get()));
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec;
    }

    /**
     * Asserts a problem detail ({@code application/problem+json}) with {@code status} that quotes none of
     * {@code notQuoted} (the values the caller sent); its {@code instance}, the request's own path (RFC 9457), aside.
     */
    public static void assertProblemWithoutEcho(
            ResponseEntity<Map<String, Object>> response, int status, String... notQuoted) {
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        Map<String, Object> problem = new HashMap<>(response.getBody());
        problem.remove("instance");
        for (String value : notQuoted) {
            assertThat(String.valueOf(problem)).doesNotContain(value);
        }
    }
}
