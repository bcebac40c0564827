package io.claimflow.adjudication;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/** adjudication-gateway starts against Kafka, the schema registry and its PostgreSQL database, and says so. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_adjudication")
class AdjudicationGatewaySmokeTest {

    @LocalServerPort
    int port;

    RestClient http;

    RestClient admin;

    @BeforeEach
    void client() {
        // Health needs no credentials; everything else does (platform security, demo users).
        http = RestClient.create("http://localhost:" + port);
        admin = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth("admin", "demo-admin")).build();
    }

    @Test
    void healthIsUp() {
        assertThat(status("/actuator/health")).isEqualTo("UP");
    }

    @Test
    void readyWithDatabaseAndKafka() {
        assertThat(status("/actuator/health/readiness")).isEqualTo("UP");
    }

    @Test
    void deadLettersCanBeListed() {
        List<Map<String, Object>> deadLetters = admin.get().uri("/admin/dead-letters/{topic}", "claimflow.claim.submitted.v1")
                .retrieve().body(new ParameterizedTypeReference<>() { });

        assertThat(deadLetters).isNotNull();
    }

    @Test
    void deadLettersNeedCredentials() {
        int status = http.get().uri("/admin/dead-letters/{topic}", "any.topic")
                .exchange((request, response) -> response.getStatusCode().value(), false);

        assertThat(status).isEqualTo(401);
    }

    private String status(String path) {
        Map<String, Object> health = http.get().uri(path).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        return (String) health.get("status");
    }
}
