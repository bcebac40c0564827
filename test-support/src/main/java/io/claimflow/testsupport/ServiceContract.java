package io.claimflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/**
 * What every ClaimFlow service promises from the start, checked the same way in each: health open and UP, ready
 * only with its database and Kafka, dead letters listed for ADMIN and refused without credentials, and every REST
 * endpoint answering exactly its roles ({@link EndpointSecurity}). A service's test extends this with its own
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and {@code @ClaimFlowInfrastructure(database = ...)}:
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
 * @ClaimFlowInfrastructure(database = "claimflow_claim")
 * class ClaimServiceContractTest extends ServiceContract {
 *     ClaimServiceContractTest() { super("claimflow.encounter.coded.v1"); }
 * }
 * }</pre>
 */
public abstract class ServiceContract {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private final String consumedTopic;

    @Autowired
    private ApplicationContext context;

    @LocalServerPort
    private int port;

    /**
     * @param consumedTopic a topic the service consumes, whose dead letters it lists; {@code null} for a service that
     *                      consumes nothing (its dead-letter endpoints are off)
     */
    protected ServiceContract(String consumedTopic) {
        this.consumedTopic = consumedTopic;
    }

    /** The endpoint-security checks; override to add placeholders, public paths or roles for unusual rules. */
    protected EndpointSecurity endpointSecurity(ApplicationContext context, int port) {
        return EndpointSecurity.of(context, port);
    }

    @Test
    void healthIsUpWithoutCredentials() {
        assertThat(anonymous().get().uri("/actuator/health").retrieve().body(JSON))
                .containsEntry("status", "UP");
    }

    @Test
    void readyWithDatabaseAndKafka() {
        assertThat(anonymous()
                        .get()
                        .uri("/actuator/health/readiness")
                        .retrieve()
                        .body(JSON))
                .containsEntry("status", "UP");
    }

    @Test
    void deadLettersAreListedForAdmin() {
        assumeTrue(consumedTopic != null, "this service consumes no topic, so it lists no dead letters");
        List<Map<String, Object>> deadLetters = as("admin")
                .get()
                .uri("/admin/dead-letters/{topic}", consumedTopic)
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});

        assertThat(deadLetters).isNotNull();
    }

    @Test
    void deadLettersNeedCredentials() {
        assumeTrue(consumedTopic != null, "this service consumes no topic, so it lists no dead letters");
        int status = anonymous()
                .get()
                .uri("/admin/dead-letters/{topic}", consumedTopic)
                .exchange((request, response) -> response.getStatusCode().value(), false);

        assertThat(status).isEqualTo(401);
    }

    /**
     * 401 without credentials, 403 for every other role, neither for its own roles, on every endpoint read from the
     * running application, so a new endpoint is checked (or fails for lack of a rule) without changes here.
     */
    @TestFactory
    Stream<DynamicNode> everyEndpointAnswersOnlyItsRoles() {
        return endpointSecurity(context, port).tests();
    }

    private RestClient anonymous() {
        return RestClient.create("http://localhost:" + port);
    }

    private RestClient as(String user) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth(user, "demo-" + user))
                .build();
    }
}
