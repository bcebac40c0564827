package io.claimflow.adjudication;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Wrong types, out-of-range values and hostile strings in the parameters of adjudication-gateway's REST API (issue 19,
 * items 8 and 9): a 400 problem detail that never quotes the value; an unknown id is a 404 that does not quote it
 * either.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_adjudication")
class GatewayHostileInputTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    static final String MARKER = "Zq7Marker";

    @LocalServerPort
    int port;

    ResponseEntity<Map<String, Object>> get(String user, String password, String path) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(user, password))
                .build()
                .get()
                .uri(java.net.URI.create("http://localhost:" + port + path))
                .retrieve()
                .onStatus(s -> true, (req, res) -> {})
                .toEntity(JSON);
    }

    ResponseEntity<Map<String, Object>> biller(String path) {
        return get("biller", "demo-biller", path);
    }

    static void assertRefusedWithoutEcho(ResponseEntity<Map<String, Object>> response, int status) {
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        // "instance" is the request's own path (RFC 9457), not a value quoted back in the detail
        Map<String, Object> problem = new HashMap<>(response.getBody());
        problem.remove("instance");
        assertThat(String.valueOf(problem))
                .doesNotContain(MARKER)
                .doesNotContain("99999")
                .doesNotContain("Exception");
    }

    @Test
    void hostileIdsAndSearchValuesAreRefusedWithoutAnEcho() {
        assertRefusedWithoutEcho(biller("/api/adjudication/claims/" + MARKER + "%3Cscript%3E/x12-history"), 400);
        assertRefusedWithoutEcho(biller("/api/adjudication/claims/" + MARKER + "x".repeat(200) + "/x12-history"), 400);
        assertRefusedWithoutEcho(biller("/api/adjudication/remittances?traceNumber=" + MARKER + "%27%20OR%201=1"), 400);
        assertRefusedWithoutEcho(biller("/api/adjudication/interchanges?status=" + MARKER + "%3Cb%3E"), 400);
        assertRefusedWithoutEcho(biller("/api/adjudication/interchanges?direction=" + MARKER), 400);
        assertRefusedWithoutEcho(
                get("admin", "demo-admin", "/api/adjudication/quarantine?status=" + MARKER + "%00"), 400);
    }

    @Test
    void wrongTypesAndRangesAreRefused() {
        assertRefusedWithoutEcho(biller("/api/adjudication/interchanges?limit=2.5"), 400);
        assertRefusedWithoutEcho(biller("/api/adjudication/interchanges?limit=99999"), 400);
        assertRefusedWithoutEcho(biller("/api/adjudication/interchanges?limit=-1"), 400);
        assertRefusedWithoutEcho(biller("/api/adjudication/interchanges/1.5"), 400);
        assertRefusedWithoutEcho(biller("/api/adjudication/interchanges/" + MARKER), 400);
        assertRefusedWithoutEcho(biller("/api/adjudication/remittances/99999999999999999999999"), 400);
        assertRefusedWithoutEcho(biller("/api/adjudication/remittances/unmatched?limit=" + MARKER), 400);
    }

    @Test
    void anUnknownClaimIsA404ThatDoesNotQuoteTheId() {
        assertRefusedWithoutEcho(biller("/api/adjudication/claims/" + MARKER + "-not-here/x12-history"), 404);
    }
}
