package io.claimflow.adjudication;

import io.claimflow.payersimulator.PayerSimulatorApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * The real payer-simulator application, started in this JVM on a fixed port (so it can be stopped and started again
 * at the same address), without the gateway's database and Kafka auto-configuration that shares the classpath.
 */
final class SimulatorServer implements AutoCloseable {

    private static final String EXCLUDED = String.join(
            ",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "io.claimflow.platform.kafka.ClaimFlowKafkaAutoConfiguration",
            "io.claimflow.platform.deadletter.ClaimFlowDeadLetterAutoConfiguration",
            "io.claimflow.platform.outbox.ClaimFlowOutboxAutoConfiguration",
            "io.claimflow.platform.audit.ClaimFlowAuditAutoConfiguration",
            // The simulator ships without platform and security (it plays an open payer endpoint); in this JVM the
            // gateway's classpath would otherwise secure it like a ClaimFlow service.
            "io.claimflow.platform.security.ClaimFlowSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration");

    private final int port;
    private ConfigurableApplicationContext context;

    SimulatorServer(int port) {
        this.port = port;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "http://localhost:" + port;
    }

    synchronized void start() {
        if (context == null) {
            // command-line arguments: they outrank the simulator's payer-simulator.yml
            context = new SpringApplicationBuilder(PayerSimulatorApplication.class)
                    .properties(PayerSimulatorApplication.CONFIG_NAME)
                    .run(
                            "--server.port=" + port,
                            "--spring.autoconfigure.exclude=" + EXCLUDED,
                            "--spring.main.banner-mode=off",
                            "--management.endpoint.health.group.readiness.include=readinessState");
        }
    }

    synchronized void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    /** Sets the simulator's fault knobs. */
    void faults(boolean outage, boolean malformed835, boolean unbalanced835) {
        RestClient.builder()
                .baseUrl(url())
                .defaultHeaders(h -> h.setBasicAuth("gateway", "claimflow-payer"))
                .build()
                .put()
                .uri("/simulator/faults")
                .body(Map.of(
                        "latencyMillis",
                        0,
                        "errorRate",
                        0.0,
                        "seed",
                        42,
                        "outage",
                        outage,
                        "malformed835",
                        malformed835,
                        "unbalanced835",
                        unbalanced835))
                .retrieve()
                .toBodilessEntity();
    }

    /** How many 277CA and 835 files wait in the simulator's mailbox, not yet acknowledged by the gateway. */
    int pendingResponses() {
        java.util.List<?> pending = RestClient.builder()
                .baseUrl(url())
                .defaultHeaders(h -> h.setBasicAuth("gateway", "claimflow-payer"))
                .build()
                .get()
                .uri("/x12/responses")
                .retrieve()
                .body(java.util.List.class);
        return pending == null ? 0 : pending.size();
    }

    @Override
    public void close() {
        stop();
    }
}
