package io.claimflow.adjudication;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/**
 * The gateway's Prometheus scrape has the circuit breakers of its payer calls (resilience4j's Micrometer binding) and
 * the platform's {@code claimflow_*} metrics. Same context as {@link AdjudicationGatewayContractTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_adjudication")
class AdjudicationGatewayMetricsTest {

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Test
    void circuitBreakerStateIsExposedPerPayerBreaker() {
        // Breakers exist per payer from the first call (payer-<payerId>); this one stands for them, opened by hand.
        CircuitBreaker breaker = circuitBreakers.circuitBreaker("payer-metrics-check");
        breaker.transitionToOpenState();

        String scrape = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth("admin", "demo-admin"))
                .build()
                .get()
                .uri("/actuator/prometheus")
                .retrieve()
                .body(String.class);

        String state =
                "(?m)^resilience4j_circuitbreaker_state\\{name=\"payer-metrics-check\",[^}]*state=\"%s\"[^}]*} %s$";
        assertThat(scrape).containsPattern(String.format(state, "open", "1\\.0"));
        assertThat(scrape).containsPattern(String.format(state, "closed", "0\\.0"));
        assertThat(scrape).contains("claimflow_outbox_backlog_rows{service=\"adjudication-gateway\"}");
    }
}
