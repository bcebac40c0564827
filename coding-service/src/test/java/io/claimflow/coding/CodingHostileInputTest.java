package io.claimflow.coding;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.JsonFuzz;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Wrong types, out-of-range dates and hostile strings to coding-service's REST API (issue 19, items 8 and 9): a 400
 * problem detail in the platform's style that never quotes the value sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_coding")
class CodingHostileInputTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    static final String MARKER = "Zq7Marker";

    @LocalServerPort
    int port;

    ResponseEntity<String> callRaw(String user, HttpMethod method, String path, MediaType type, String body) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(user, "demo-" + user))
                .build()
                .method(method)
                .uri(path)
                .contentType(type)
                .body(body)
                .retrieve()
                .onStatus(s -> true, (req, res) -> {})
                .toEntity(String.class);
    }

    ResponseEntity<Map<String, Object>> call(String user, HttpMethod method, String path, MediaType type, String body) {
        RestClient.RequestBodySpec spec = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(user, "demo-" + user))
                .build()
                .method(method)
                .uri(path);
        if (body != null) {
            spec.contentType(type).body(body);
        }
        return spec.retrieve().onStatus(s -> true, (req, res) -> {}).toEntity(JSON);
    }

    static void assertRefusedWithoutEcho(ResponseEntity<Map<String, Object>> response, int status) {
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        // "instance" is the request's own path (RFC 9457), not a value quoted back in the detail
        Map<String, Object> problem = new java.util.HashMap<>(response.getBody());
        problem.remove("instance");
        assertThat(String.valueOf(problem))
                .doesNotContain(MARKER)
                .doesNotContain("10000")
                .doesNotContain("2024-01-01")
                .doesNotContain("Exception");
    }

    @Test
    void fractionalUnitsAreRefusedNotCut() {
        assertRefusedWithoutEcho(
                call(
                        "coder",
                        HttpMethod.POST,
                        "/coder-queue/1/finalize",
                        MediaType.APPLICATION_JSON,
                        "{\"diagnoses\":[\"E11.9\"],\"lines\":[{\"code\":\"99213\","
                                + "\"units\":1.5,\"pointers\":[1]}]}"),
                400);
        assertRefusedWithoutEcho(
                call(
                        "coder",
                        HttpMethod.POST,
                        "/coder-queue/1/finalize",
                        MediaType.APPLICATION_JSON,
                        "{\"diagnoses\":[\"" + MARKER + "<script>\"],\"lines\":[{\"code\":"
                                + "\"99213\",\"pointers\":[1]}]}"),
                400);
    }

    @Test
    void badCodeSetUploadsAreRefusedWithoutQuotingTheValue() {
        assertRefusedWithoutEcho(
                call(
                        "admin",
                        HttpMethod.POST,
                        "/admin/code-sets/" + MARKER + "?year=2024",
                        MediaType.TEXT_PLAIN,
                        "x\n"),
                400);
        assertRefusedWithoutEcho(
                call(
                        "admin",
                        HttpMethod.POST,
                        "/admin/code-sets/icd10cm?effectiveFrom=2025-01-01&effectiveTo=2024-01-01&version=v1",
                        MediaType.TEXT_PLAIN,
                        "00001 M5416   1 Radiculopathy, lumbar region\n"),
                400);
        assertRefusedWithoutEcho(
                call(
                        "admin",
                        HttpMethod.POST,
                        "/admin/code-sets/icd10cm?effectiveFrom=%2B10000-01-01&version=v1",
                        MediaType.TEXT_PLAIN,
                        "00001 M5416   1 Radiculopathy, lumbar region\n"),
                400);
        assertRefusedWithoutEcho(
                call(
                        "admin",
                        HttpMethod.POST,
                        "/admin/code-sets/icd10cm?year=2024&version=" + MARKER + "%3Cb%3E" + "v".repeat(300),
                        MediaType.TEXT_PLAIN,
                        "00001 M5416   1 Radiculopathy, lumbar region\n"),
                400);
    }

    @Test
    void queueFiltersHaveBounds() {
        assertRefusedWithoutEcho(
                call("coder", HttpMethod.GET, "/coder-queue?tenantId=" + MARKER + "x".repeat(300), null, null), 400);
        assertRefusedWithoutEcho(call("coder", HttpMethod.GET, "/coder-queue?dateFrom=0001-01-01", null, null), 400);
        assertRefusedWithoutEcho(call("coder", HttpMethod.GET, "/coder-queue/" + MARKER, null, null), 400);
        assertRefusedWithoutEcho(call("coder", HttpMethod.GET, "/coder-queue/987654321", null, null), 404);
    }

    /**
     * REST fuzzing (issue 19): hostile JSON bodies ({@link JsonFuzz}) to every POST, PUT and PATCH endpoint never get
     * a 5xx, and a refusal never quotes what was sent. Bounded here; longer: {@code -Dclaimflow.fuzz.iterations=5000}.
     */
    @Test
    void fuzzedBodiesNeverGet5xxNorAnEcho() {
        Map<String, List<String>> endpoints = Map.of(
                "POST /coder-queue/1/finalize",
                List.of(
                        "diagnoses",
                        "lines",
                        "code",
                        "modifiers",
                        "units",
                        "pointers",
                        "ndc",
                        "drugQuantity",
                        "drugUnit"));
        endpoints.forEach((endpoint, fields) -> {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            List<String> bodies = JsonFuzz.bodies(JsonFuzz.seed() + endpoint.hashCode(), JsonFuzz.iterations(), fields);
            for (String body : bodies) {
                ResponseEntity<String> response =
                        callRaw("coder", HttpMethod.valueOf(method), path, MediaType.APPLICATION_JSON, body);
                assertThat(response.getStatusCode().value())
                        .as(endpoint + " " + body)
                        .isLessThan(500);
                if (response.getStatusCode().is4xxClientError()) {
                    assertThat(String.valueOf(response.getBody()).replaceAll("\"instance\":\"[^\"]*\"", ""))
                            .as(endpoint + " " + body)
                            .doesNotContain(JsonFuzz.MARKER);
                }
            }
        });
    }
}
