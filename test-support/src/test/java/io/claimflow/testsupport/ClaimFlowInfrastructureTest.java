package io.claimflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@ClaimFlowInfrastructure
class ClaimFlowInfrastructureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Infrastructure infrastructure = Infrastructure.get();

    @Test
    void setsSpringPropertiesBeforeTheClassRuns() {
        assertThat(System.getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(infrastructure.kafkaBootstrapServers());
        assertThat(System.getProperty("spring.kafka.properties.schema.registry.url"))
                .isEqualTo(infrastructure.schemaRegistryUrl());
        assertThat(System.getProperty("spring.datasource.url"))
                .isEqualTo(infrastructure.jdbcUrl(Infrastructure.DEFAULT_DATABASE))
                .endsWith("/" + Infrastructure.DEFAULT_DATABASE);
        assertThat(System.getProperty("spring.datasource.username")).isEqualTo("claimflow_app");
        assertThat(System.getProperty("spring.datasource.password")).isEqualTo("claimflow_app");
        assertThat(System.getProperty("spring.flyway.user")).isEqualTo("claimflow");
    }

    @Test
    void startsOncePerJvm() {
        assertThat(Infrastructure.get()).isSameAs(infrastructure);
        assertThat(FirstSeen.remember(infrastructure)).isSameAs(infrastructure);
        assertThat(Infrastructure.starts()).isEqualTo(1);
    }

    @Test
    void producesAndConsumesOnTheBroker() throws Exception {
        String topic = "test-support.roundtrip";
        TestTopics.create(topic);
        TestTopics.create(topic); // an existing topic is fine

        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions())
                    .hasSize(TestTopics.DEFAULT_PARTITIONS);
        }

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(topic, "enc-1", "hello".getBytes(StandardCharsets.UTF_8));
            record.headers().add("reason", "because".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
            producer.send(new ProducerRecord<>(topic, "enc-2", "other".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }

        List<ConsumerRecord<String, byte[]>> all = Records.awaitRecords(topic, 2, WAIT);
        assertThat(all).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("enc-1", "enc-2");

        List<ConsumerRecord<String, String>> one = Records.awaitRecords(
                topic, 1, WAIT, new StringDeserializer(), r -> r.key().equals("enc-1"));
        assertThat(one).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo("hello");
            Header reason = r.headers().lastHeader("reason");
            assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isEqualTo("because");
        });
    }

    @Test
    void awaitingMoreRecordsThanThereAreFails() {
        String topic = "test-support.empty";
        TestTopics.create(1, topic);
        assertThatThrownBy(() -> Records.awaitRecords(topic, 1, Duration.ofMillis(500)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("found 0");
    }

    @Test
    void waitingForATopicThatNobodyCreatesFailsWithoutCreatingIt() throws Exception {
        String topic = "test-support.never-created";
        assertThatThrownBy(() -> Records.awaitRecords(topic, 1, Duration.ofMillis(500)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not exist");
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain(topic);
        }
    }

    @Test
    void registersSchemaOverHttp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String subject = "test-support.registry-value";
        HttpRequest register = HttpRequest.newBuilder(
                        URI.create(infrastructure.schemaRegistryUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"{\\\"type\\\":\\\"string\\\"}\"}"))
                .build();
        HttpResponse<String> registered = http.send(register, HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.body()).matches("\\{\\s*\"id\"\\s*:\\s*\\d+\\s*}");

        HttpResponse<String> subjects = http.send(
                HttpRequest.newBuilder(URI.create(infrastructure.schemaRegistryUrl() + "/subjects"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(subjects.body()).contains("\"" + subject + "\"");
    }

    @Test
    void runsSqlOnPostgreSql17() throws SQLException {
        try (Connection connection = connect("t1");
                Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery("select version()")) {
            assertThat(version.next()).isTrue();
            assertThat(version.getString(1)).startsWith("PostgreSQL 17");
        }
    }

    @Test
    void databasesAreSeparate() throws SQLException {
        try (Connection connection = connect("t_left");
                Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists only_left (id int)");
        }
        try (Connection connection = connect("t_right");
                Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery(
                        "select count(*) from information_schema.tables where table_name = 'only_left'")) {
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }
    }

    @Test
    void createsEachDatabaseOnceWhenAskedConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String database = "t_concurrent_" + (i % 2);
                calls.add(() -> infrastructure.jdbcUrl(database));
            }
            Set<String> urls = new HashSet<>();
            for (Future<String> url : pool.invokeAll(calls)) {
                urls.add(url.get());
            }
            assertThat(urls).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
        try (Connection connection = connect("t_concurrent_1")) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void rejectsDatabaseNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() -> infrastructure.jdbcUrl("x\"; drop database claimflow; --"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(
                infrastructure.jdbcUrl(database), infrastructure.username(), infrastructure.password());
    }
}
