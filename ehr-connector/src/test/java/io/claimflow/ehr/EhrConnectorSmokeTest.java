package io.claimflow.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/** ehr-connector starts against Kafka, the schema registry and its PostgreSQL database, and says it is ready. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_ehr")
class EhrConnectorSmokeTest {

    @LocalServerPort
    int port;

    @Test
    void readyWithDatabaseAndKafka() {
        Map<String, Object> health = RestClient.create("http://localhost:" + port).get()
                .uri("/actuator/health/readiness").retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });

        assertThat(health).containsEntry("status", "UP");
    }
}
