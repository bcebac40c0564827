package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run here (no Docker engine), so its structure is checked (issue 19, items 7, 10, 11):
 * each service its own database roles, the secure profile's secrets one directory per container and never
 * world-readable, a secure variant of every service, payer-simulator and registry published on loopback only.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String service) {
        Object env = services.get(service).get("environment");
        return env == null ? Map.of() : (Map<String, Object>) env;
    }

    @Test
    void everyServiceLogsInWithItsOwnApplicationRoleAndMigratesAsItsOwner() {
        Set<String> logins = new HashSet<>();
        Pattern url = Pattern.compile("jdbc:postgresql://[^/]+/(\\w+)");
        int withDatabase = 0;
        for (String name : services.keySet()) {
            Map<String, Object> env = environment(name);
            if (!env.containsKey("SPRING_DATASOURCE_URL")) {
                continue;
            }
            withDatabase++;
            Matcher m = url.matcher(String.valueOf(env.get("SPRING_DATASOURCE_URL")));
            assertThat(m.matches()).as(name).isTrue();
            String db = m.group(1);
            assertThat(env.get("SPRING_DATASOURCE_USERNAME")).as(name).isEqualTo(db + "_app");
            assertThat(env.get("SPRING_FLYWAY_USER")).as(name).isEqualTo(db + "_owner");
            logins.add(name.replace("-secure", "") + "/" + env.get("SPRING_DATASOURCE_USERNAME"));
        }
        assertThat(withDatabase).isEqualTo(12);
        assertThat(logins).hasSize(6);
    }

    @Test
    void thePostgresSetUpsGiveEachDatabaseItsOwnOwnerAndDmlOnlyApplicationRole() throws IOException {
        // one script for both profiles: the secure one's generated passwords, else the local one
        String script = Files.readString(ROOT.resolve("docker/postgres-init.sh"));
        for (String db : StackConfig.DATABASES) {
            assertThat(script).contains(db);
        }
        assertThat(script)
                .contains("CREATE DATABASE :\"db\" OWNER :\"owner\"")
                .contains("-v owner=\"${db}_owner\" -v app=\"${db}_app\"")
                .contains("ALTER DEFAULT PRIVILEGES FOR ROLE :\"owner\" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES "
                        + "TO :\"app\"")
                .contains("cat \"$secrets/$1.password\"");
        assertThat(services.get("postgres").get("volumes").toString()).contains("./docker/postgres-init.sh:");
        assertThat(services.get("postgres-secure").get("volumes").toString()).contains("./docker/postgres-init.sh:");
    }

    @Test
    @SuppressWarnings("unchecked")
    void inTheSecureProfileEachContainerMountsOnlyItsOwnSecretsDirectory() {
        Set<String> subpaths = new HashSet<>();
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            String name = service.getKey();
            List<Object> volumes = (List<Object>) service.getValue().getOrDefault("volumes", List.of());
            for (Object volume : volumes) {
                if (volume instanceof String short_ && short_.startsWith("secure-secrets:")) {
                    assertThat(name)
                            .as("only the one-shot set-up mounts the whole secrets volume")
                            .isEqualTo("secure-secrets");
                } else if (volume instanceof Map<?, ?> long_ && "secure-secrets".equals(long_.get("source"))) {
                    assertThat(long_.get("read_only")).as(name).isEqualTo(true);
                    String subpath = String.valueOf(((Map<String, Object>) long_.get("volume")).get("subpath"));
                    assertThat(subpaths.add(subpath))
                            .as(name + " shares " + subpath)
                            .isTrue();
                    if (name.endsWith("-secure")
                            && services.get(name.replace("-secure", "")) != null
                            && environment(name).containsKey("SPRING_DATASOURCE_URL")) {
                        assertThat(subpath).isEqualTo(name.replace("-secure", ""));
                    }
                }
            }
        }
        assertThat(subpaths)
                .contains("kafka", "registry", "postgres", "coding-service", "ops-console", "ehr-connector");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyClaimFlowServiceHasASecureVariant() {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            Map<String, Object> build = (Map<String, Object>) service.getValue().get("build");
            String name = service.getKey();
            if (build != null
                    && !name.endsWith("-secure")
                    && !name.equals("payer-simulator")
                    && !services.containsKey(name + "-secure")) {
                missing.add(name);
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void noSecretIsMadeWorldReadable() throws IOException {
        String script = Files.readString(ROOT.resolve("docker/secure/init-secrets.sh"));
        assertThat(script)
                .doesNotContainPattern("chmod\\s+(-R\\s+)?0?[0-7][0-7][4-7]\\b")
                .doesNotContainPattern("chmod\\s+(-R\\s+)?[ao]?\\+r");
    }

    @Test
    @SuppressWarnings("unchecked")
    void payerSimulatorAndRegistryArePublishedOnLoopbackAndThePayerWantsALogin() {
        for (String name : List.of("payer-simulator", "schema-registry")) {
            List<String> ports = (List<String>) services.get(name).get("ports");
            assertThat(ports).as(name).allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
        }
        assertThat(environment("payer-simulator"))
                .containsKeys("PAYER_SIMULATOR_AUTH_USERNAME", "PAYER_SIMULATOR_AUTH_PASSWORD");
        assertThat(environment("adjudication-gateway"))
                .containsKeys("PAYER_SIMULATOR_USERNAME", "PAYER_SIMULATOR_PASSWORD");
    }
}
