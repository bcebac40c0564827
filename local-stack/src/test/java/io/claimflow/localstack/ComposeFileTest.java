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
        // the operator's read-only login, as in the local stack (DatabaseSetup.grants): SELECT, nothing else
        assertThat(script)
                .contains("CREATE ROLE claimflow LOGIN PASSWORD")
                .contains("GRANT USAGE ON SCHEMA public TO :\"app\", claimflow")
                .contains("ALTER DEFAULT PRIVILEGES FOR ROLE :\"owner\" GRANT SELECT ON TABLES TO claimflow")
                .doesNotContain("GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO claimflow");
        assertThat(Files.readString(ROOT.resolve("docker/secure/init-secrets.sh")))
                .contains("postgres/claimflow.password");
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
    @SuppressWarnings("unchecked")
    void threeKraftNodesFormOneQuorumAndEveryTopicHasThreeReplicasTwoInSync() {
        List<String> nodes = List.of("kafka-1", "kafka-2", "kafka-3");
        Set<String> ids = new HashSet<>();
        for (String node : nodes) {
            Map<String, Object> env = environment(node);
            assertThat(env.get("KAFKA_PROCESS_ROLES")).as(node).isEqualTo("broker,controller");
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                    .as(node)
                    .isEqualTo("1@kafka-1:29093,2@kafka-2:29093,3@kafka-3:29093");
            assertThat(env.get("CLUSTER_ID"))
                    .as(node)
                    .isEqualTo(environment("kafka-1").get("CLUSTER_ID"));
            assertThat(ids.add(String.valueOf(env.get("KAFKA_NODE_ID"))))
                    .as(node)
                    .isTrue();
            assertThat(String.valueOf(env.get("KAFKA_LISTENERS"))).contains("PLAINTEXT://" + node + ":29092");
            assertThat(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR")).as(node).isEqualTo(3);
            assertThat(env.get("KAFKA_MIN_INSYNC_REPLICAS")).as(node).isEqualTo(2);
            assertThat(env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"))
                    .as(node)
                    .isEqualTo(3);
            assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")).as(node).isEqualTo(2);
            assertThat(String.valueOf(services.get(node).get("volumes"))).contains(node + "-data:");
        }
        assertThat(services).doesNotContainKey("kafka");
        String init = String.valueOf(((List<Object>) services.get("kafka-init").get("command")).get(0));
        assertThat(init).contains("--replication-factor 3", "--config min.insync.replicas=2");
        for (String topic : io.claimflow.schemas.Topics.all()) {
            assertThat(init).as("kafka-init creates " + topic).contains(topic);
        }
        assertThat(environment("schema-registry"))
                .containsEntry(
                        "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS",
                        "PLAINTEXT://kafka-1:29092,PLAINTEXT://kafka-2:29092,PLAINTEXT://kafka-3:29092")
                .containsEntry("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", 3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyClaimFlowServiceCanBeScaledAndTalksToEveryBroker() throws IOException {
        Map<String, String> clusterEnv = new java.util.HashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("docker/cluster.env"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                clusterEnv.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        Set<Integer> taken = new HashSet<>();
        for (ServiceRegistry.Entry entry : StackConfig.REGISTRY.services()) {
            String name = entry.name();
            Map<String, Object> service = services.get(name);
            assertThat(service).as(name).doesNotContainKeys("container_name", "hostname");
            if (StackConfig.ONE_INSTANCE.contains(name)) {
                continue; // the payer's stand-in: one payer, its mailbox in memory
            }
            Map<String, Object> env = environment(name);
            assertThat(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
                    .as(name)
                    .isEqualTo("kafka-1:29092,kafka-2:29092,kafka-3:29092");
            assertThat(env.get("CLAIMFLOW_KAFKA_REPLICATION_FACTOR")).as(name).isEqualTo(3);
            assertThat(env.get("CLAIMFLOW_KAFKA_MIN_INSYNC_REPLICAS")).as(name).isEqualTo(2);
            assertThat(env)
                    .as(name + ": one consumer group per service")
                    .doesNotContainKey("SPRING_KAFKA_CONSUMER_GROUP_ID");
            // every published port comes from a variable docker/cluster.env sets to a range of its own
            for (Object port : (List<Object>) service.get("ports")) {
                Matcher m = Pattern.compile("\\$\\{([A-Z_]+):-(\\d+)}:(\\d+)").matcher(String.valueOf(port));
                assertThat(m.matches())
                        .as(name + " publishes " + port + " through a variable")
                        .isTrue();
                String range = clusterEnv.get(m.group(1));
                assertThat(range).as(m.group(1) + " in docker/cluster.env").matches("\\d+-\\d+");
                int from = Integer.parseInt(range.split("-")[0]);
                int to = Integer.parseInt(range.split("-")[1]);
                assertThat(to - from).as(range).isGreaterThanOrEqualTo(1);
                for (int p = from; p <= to; p++) {
                    assertThat(taken.add(p))
                            .as(name + ": host port " + p + " in two ranges")
                            .isTrue();
                }
            }
        }
        for (Map<String, Object> other : services.values()) {
            for (Object port : (List<Object>) other.getOrDefault("ports", List.of())) {
                Matcher fixed = Pattern.compile("(?:[0-9.]+:)?(\\d+):\\d+").matcher(String.valueOf(port));
                if (fixed.matches()) {
                    assertThat(taken)
                            .as("a range takes the fixed port " + port)
                            .doesNotContain(Integer.parseInt(fixed.group(1)));
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceImageRunsJava25AndKeepsItsAotCacheWithTimeToWriteIt() throws IOException {
        // issue 22: the images run as ./stack does, on Java 25 with the AOT cache recorded at the first stop
        String dockerfile = Files.readString(ROOT.resolve("docker/service.Dockerfile"));
        Matcher from = Pattern.compile("(?m)^FROM eclipse-temurin:(\\d+)-jre$").matcher(dockerfile);
        assertThat(from.find()).as("FROM eclipse-temurin:<release>-jre").isTrue();
        assertThat(Integer.parseInt(from.group(1))).isGreaterThanOrEqualTo(25);
        assertThat(dockerfile).contains("ENTRYPOINT [\"/app/run.sh\"]");
        List<String> images = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            Object build = service.getValue().get("build");
            if (!(build instanceof Map<?, ?> b) || !"docker/service.Dockerfile".equals(b.get("dockerfile"))) {
                continue;
            }
            String name = service.getKey();
            images.add(name);
            List<Object> volumes = (List<Object>) service.getValue().getOrDefault("volumes", List.of());
            assertThat(volumes)
                    .as(name + ": a volume keeps the AOT caches across containers")
                    .anySatisfy(v -> assertThat(String.valueOf(v)).matches("[a-z-]+-aot:/app/aot"));
            assertThat(String.valueOf(service.getValue().get("stop_grace_period")))
                    .as(name + ": time to write the cache when it stops")
                    .isEqualTo("3m");
        }
        assertThat(images).contains("coding-service", "ops-console-secure", "payer-simulator");
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
