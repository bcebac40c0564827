package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The one list of components and ports (services.tsv) is what the launcher uses, and the places that cannot read it
 * (docker-compose.yml, each service's application.yml default, ./stack) agree with it.
 */
class ServiceRegistryTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ServiceRegistry REGISTRY = ServiceRegistry.load();

    @Test
    void namesAndPortsAreUniqueAndTheLauncherUsesThem() {
        Set<String> names = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (ServiceRegistry.Entry e : REGISTRY.entries()) {
            assertThat(names.add(e.name())).as(e.name()).isTrue();
            assertThat(ports.add(e.port())).as(e.name() + " " + e.port()).isTrue();
        }
        assertThat(StackConfig.ALL_SERVICES)
                .extracting(StackConfig.ServiceSpec::module)
                .containsExactlyElementsOf(REGISTRY.services().stream()
                        .map(ServiceRegistry.Entry::name)
                        .toList());
        StackConfig defaults = StackConfig.parse(new String[0], Map.of(), ROOT);
        assertThat(defaults.kafkaPort()).isEqualTo(REGISTRY.port("kafka"));
        assertThat(defaults.registryPort()).isEqualTo(REGISTRY.port("schema-registry"));
        assertThat(defaults.services()).allSatisfy(s -> assertThat(s.port()).isEqualTo(REGISTRY.port(s.module())));
        assertThat(StackConfig.USAGE).contains("ops-console " + REGISTRY.port("ops-console"));
    }

    @Test
    void aMalformedLineIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> ServiceRegistry.parse(new StringReader("# header\nkafka\tinfra\tnine\t-\n")))
                .hasMessageContaining("line 2");
    }

    @Test
    void everyServiceModuleDefaultsToItsRegisteredPort() throws IOException {
        for (ServiceRegistry.Entry service : REGISTRY.services()) {
            Path module = ROOT.resolve(service.name()).resolve("src/main/resources");
            Path yml = Files.exists(module.resolve("application.yml"))
                    ? module.resolve("application.yml")
                    : module.resolve(service.name() + ".yml");
            assertThat(Files.readString(yml))
                    .as(yml.toString())
                    .contains("port: ${SERVER_PORT:" + service.port() + "}");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void dockerComposePublishesTheRegisteredPorts() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        for (ServiceRegistry.Entry e : REGISTRY.entries()) {
            if (e.name().equals("kafka-controller")) {
                continue; // internal to the broker's container
            }
            // the cluster's first broker is the single stack's kafka (9092)
            Map<String, Object> service = services.get(e.name().equals("kafka") ? "kafka-1" : e.name());
            assertThat(service).as(e.name()).isNotNull();
            // "${CLAIM_SERVICE_HOST_PORTS:-8092}:8092" publishes 8092:8092 unless a scaled run sets a range
            List<String> published = ((List<Object>) service.getOrDefault("ports", List.of()))
                    .stream()
                            .map(p -> String.valueOf(p).replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1"))
                            .toList();
            assertThat(published)
                    .as(e.name())
                    .anyMatch(p -> p.endsWith(":" + e.port() + ":" + e.port()) || p.equals(e.port() + ":" + e.port()));
            if (e.service()) {
                Map<String, Object> env = (Map<String, Object>) service.get("environment");
                assertThat(String.valueOf(env.get("SERVER_PORT"))).as(e.name()).isEqualTo(String.valueOf(e.port()));
            }
        }
    }

    @Test
    void theStackScriptReadsTheRegistryInsteadOfFixedPorts() throws IOException {
        String stack = Files.readString(ROOT.resolve("stack"));

        assertThat(stack).contains("local-stack/src/main/resources/io/claimflow/localstack/services.tsv");
        for (ServiceRegistry.Entry service : REGISTRY.services()) {
            assertThat(stack)
                    .as("./stack names port " + service.port())
                    .doesNotContainPattern("\\b" + service.port() + "\\b");
        }
    }
}
