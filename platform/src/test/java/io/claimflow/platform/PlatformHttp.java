package io.claimflow.platform;

import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** HTTP for the platform tests: a client that returns every status instead of throwing, as a demo user. */
public final class PlatformHttp {

    private PlatformHttp() {}

    /** A client as demo user {@code user} (password {@code demo-<user>}); null for no credentials. */
    public static RestClient client(int port, String user) {
        RestClient.Builder builder = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {});
        if (user != null) {
            builder.defaultHeaders(headers -> headers.setBasicAuth(user, "demo-" + user));
        }
        return builder.build();
    }

    /** GET {@code uri} as a JSON object. */
    public static ResponseEntity<Map<String, Object>> get(RestClient client, String uri, Object... variables) {
        return client.get().uri(uri, variables).retrieve().toEntity(new ParameterizedTypeReference<>() {});
    }

    /** POST {@code body} as JSON. */
    public static ResponseEntity<Map<String, Object>> post(
            RestClient client, String body, String uri, Object... variables) {
        return client.post()
                .uri(uri, variables)
                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                .body(body)
                .retrieve()
                .toEntity(new ParameterizedTypeReference<>() {});
    }
}
