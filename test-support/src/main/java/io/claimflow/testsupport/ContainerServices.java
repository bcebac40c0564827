package io.claimflow.testsupport;

import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.ConfluentKafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** Docker answers: Confluent Kafka, Confluent Schema Registry on the same network, and postgres:17. */
final class ContainerServices {

    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("confluentinc/cp-kafka:7.9.0");
    static final DockerImageName REGISTRY_IMAGE = DockerImageName.parse("confluentinc/cp-schema-registry:7.9.0");
    static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17");

    private static final String KAFKA_ALIAS = "kafka";
    private static final String KAFKA_INTERNAL_LISTENER = KAFKA_ALIAS + ":19092";
    private static final int REGISTRY_PORT = 8081;

    private ContainerServices() {}

    static Infrastructure.Started start() {
        Parallel.Both<KafkaAndRegistry, PostgreSQLContainer> both =
                Parallel.startBoth("kafka", ContainerServices::startKafkaAndRegistry, ContainerServices::startPostgres);
        KafkaAndRegistry kafka = both.first();
        PostgreSQLContainer postgres = both.second();
        int postgresPort = postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
        Databases databases = new Databases(
                postgres.getHost(),
                postgresPort,
                "postgres",
                postgres.getUsername(),
                postgres.getPassword(),
                postgres.getUsername());
        String registryUrl = "http://" + kafka.registry.getHost() + ":" + kafka.registry.getMappedPort(REGISTRY_PORT);
        return new Infrastructure.Started(
                kafka.kafka.getBootstrapServers(),
                registryUrl,
                databases,
                () -> Parallel.closeAll(kafka, postgres::stop));
    }

    private static KafkaAndRegistry startKafkaAndRegistry() {
        Network network = Network.newNetwork();
        ConfluentKafkaContainer kafka = new ConfluentKafkaContainer(KAFKA_IMAGE)
                .withNetwork(network)
                .withNetworkAliases(KAFKA_ALIAS)
                // A second listener that containers on the network (the registry) reach by alias.
                .withListener(KAFKA_INTERNAL_LISTENER)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(TestTopics.DEFAULT_PARTITIONS));
        GenericContainer<?> registry = new GenericContainer<>(REGISTRY_IMAGE)
                .withNetwork(network)
                .withNetworkAliases("schema-registry")
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + REGISTRY_PORT)
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + KAFKA_INTERNAL_LISTENER)
                .withExposedPorts(REGISTRY_PORT)
                .dependsOn(kafka)
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));
        KafkaAndRegistry started = new KafkaAndRegistry(network, kafka, registry);
        try {
            kafka.start();
            registry.start();
            return started;
        } catch (RuntimeException | Error e) {
            started.closeQuietly(e);
            throw e;
        }
    }

    private static PostgreSQLContainer startPostgres() {
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName(Infrastructure.DEFAULT_DATABASE)
                .withUsername(Infrastructure.USERNAME)
                .withPassword(Infrastructure.PASSWORD)
                // Many cached Spring contexts each hold a connection pool; fsync off because test data is disposable.
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=300");
        try {
            postgres.start();
            return postgres;
        } catch (RuntimeException | Error e) {
            postgres.stop();
            throw e;
        }
    }

    private record KafkaAndRegistry(Network network, ConfluentKafkaContainer kafka, GenericContainer<?> registry)
            implements AutoCloseable {

        @Override
        public void close() throws Exception {
            Parallel.closeAll(registry::stop, kafka::stop, network);
        }

        void closeQuietly(Throwable failure) {
            try {
                close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
