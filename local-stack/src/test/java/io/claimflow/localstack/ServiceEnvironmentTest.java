package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.localstack.StackConfig.ServiceSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each service's process is told the addresses the stack really uses, options and variables included. */
class ServiceEnvironmentTest {

    private static final StackConfig CONFIG = StackConfig.parse(
            new String[] {
                "--kafka-port",
                "19092",
                "--payer-simulator-port",
                "18095",
                "--claim-service-port",
                "18092",
                "--payer-behaviours",
                "reversal"
            },
            Map.of(),
            Path.of("/work/project"));

    private static ServiceSpec service(String module) {
        return CONFIG.services().stream()
                .filter(s -> s.module().equals(module))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aServiceWithADatabaseLogsInAsItsApplicationRoleAndMigratesAsTheOwner() {
        Map<String, String> env = ServiceEnvironment.of(CONFIG, service("claim-service"), null);

        assertThat(env)
                .containsEntry("SERVER_PORT", "18092")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:19092")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:5432/claimflow_claim")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "claimflow_claim_app")
                .containsEntry("SPRING_FLYWAY_USER", "claimflow_claim_owner");
        assertThat(ServiceEnvironment.healthUrl(service("claim-service")))
                .isEqualTo("http://localhost:18092/actuator/health");
    }

    @Test
    void theGatewayAndTheConsoleFindTheOtherServicesOnTheirConfiguredPorts() {
        assertThat(ServiceEnvironment.of(CONFIG, service("adjudication-gateway"), null))
                .containsEntry("PAYER_SIMULATOR_URL", "http://localhost:18095");
        assertThat(ServiceEnvironment.of(CONFIG, service("ops-console"), null))
                .containsEntry("CLAIM_SERVICE_URL", "http://localhost:18092")
                .containsEntry("CODING_SERVICE_URL", "http://localhost:8091")
                .doesNotContainKey("OPS_CONSOLE_URL");
    }

    @Test
    void theSimulatorGetsTheDemoPopulationAndItsBehavioursAndNoDatabase() {
        Map<String, String> env = ServiceEnvironment.of(CONFIG, service("payer-simulator"), "/tmp/members.properties");

        assertThat(env)
                .containsEntry("SPRING_CONFIG_ADDITIONAL_LOCATION", "optional:file:/tmp/members.properties")
                .containsEntry("PAYERSIMULATOR_BEHAVIOURS_ENABLED", "reversal")
                .doesNotContainKey("SPRING_DATASOURCE_URL");
        assertThat(ServiceEnvironment.of(CONFIG, service("coding-service"), "/tmp/members.properties"))
                .doesNotContainKey("SPRING_CONFIG_ADDITIONAL_LOCATION");
    }

    @Test
    void theRegistryListensOnLoopbackOnlyWithBasicAuthOnTheConfiguredBroker() {
        assertThat(ServiceEnvironment.registry(CONFIG, "_schemas"))
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:19092")
                .containsEntry("SCHEMA_REGISTRY_PORT", Integer.toString(CONFIG.registryPort()))
                .containsEntry("SCHEMA_REGISTRY_TOPIC", "_schemas")
                .containsEntry("SCHEMA_REGISTRY_BIND_ADDRESS", "127.0.0.1")
                .containsEntry(
                        "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO",
                        StackConfig.REGISTRY_USER + ":" + StackConfig.REGISTRY_PASSWORD);
    }

    @Test
    void aServiceRunsItsPlainJarWithoutAPreparedRuntimeAndSaysWhenTheJarIsMissing() {
        Path jar = Path.of("/work/project/claim-service/target/claim-service.jar");

        assertThat(ServiceStarts.command(List.of("/jdk/bin/java", "-Xmx256m"), null, jar))
                .containsExactly("/jdk/bin/java", "-Xmx256m", "-jar", jar.toString());
        assertThat(ServiceStarts.missingJar(service("claim-service"), jar))
                .isEqualTo("  [claim-service] not started: " + jar + " is missing"
                        + " (build with ./mvnw -q -B install -DskipTests, or ./stack up --build)");
        assertThat(ServiceStarts.prepare(
                        StackConfig.parse(new String[] {"--no-cds"}, Map.of(), Path.of("/work/project")), "java"))
                .isEmpty();
    }
}
