package io.claimflow.testsupport;

import io.claimflow.registry.SchemaRegistryServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** No Docker: an in-process KRaft broker, the project's schema registry on it, and a PostgreSQL 17 child process. */
final class EmbeddedServices {

    private EmbeddedServices() {}

    static Infrastructure.Started start() {
        Parallel.Both<KafkaAndRegistry, EmbeddedPostgres> both =
                Parallel.startBoth("kafka", EmbeddedServices::startKafkaAndRegistry, EmbeddedServices::startPostgres);
        KafkaAndRegistry kafka = both.first();
        EmbeddedPostgres postgres = both.second();
        // Zonky's superuser logs in without a password (trust); tests use the claimflow role created below.
        Databases databases = new Databases(
                "localhost", postgres.getPort(), "postgres", "postgres", "postgres", Infrastructure.USERNAME);
        return new Infrastructure.Started(
                kafka.broker.getBrokersAsString(),
                kafka.registry.url(),
                databases,
                () -> Parallel.closeAll(kafka, postgres));
    }

    private static KafkaAndRegistry startKafkaAndRegistry() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, TestTopics.DEFAULT_PARTITIONS);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", String.valueOf(TestTopics.DEFAULT_PARTITIONS),
                "offsets.topic.replication.factor", "1",
                // Kafka's 50 partitions for these internal topics cost seconds to create on first use in a 2-core JVM.
                "offsets.topic.num.partitions", "4",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "4",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        try {
            return new KafkaAndRegistry(broker, SchemaRegistryServer.start(broker.getBrokersAsString(), 0));
        } catch (RuntimeException | Error e) {
            broker.destroy();
            throw e;
        }
    }

    /**
     * Opt-in ({@code -Dclaimflow.test.postgres.stat-statements=true}): the server preloads {@code pg_stat_statements}
     * (shipped with the embedded binaries), for benchmarks that count statements per unit of work (e2e
     * {@code PostgresWorkBenchmark}). Off by default: every other test runs without it.
     */
    static final String STAT_STATEMENTS = "claimflow.test.postgres.stat-statements";

    private static EmbeddedPostgres startPostgres() throws Exception {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (Boolean.getBoolean(STAT_STATEMENTS)) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.max", "5000")
                    .setServerConfig("pg_stat_statements.track_utility", "on")
                    // planning time beside execution time: a statement planned anew at every call shows it
                    .setServerConfig("pg_stat_statements.track_planning", "on");
        }
        EmbeddedPostgres postgres = builder
                // The first start in a module unpacks ~117 MB while the broker also starts: give it time.
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                // As in the local stack: no patient data in the server log (DETAIL lines quote unique keys).
                .setServerConfig("log_error_verbosity", "terse")
                .setServerConfig("log_min_error_statement", "panic")
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            // Superuser like the postgres image's POSTGRES_USER, so migrations behave the same in both modes.
            statement.execute("CREATE ROLE \"" + Infrastructure.USERNAME + "\" LOGIN SUPERUSER PASSWORD '"
                    + Infrastructure.PASSWORD + "'");
        } catch (Exception e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    private record KafkaAndRegistry(EmbeddedKafkaKraftBroker broker, SchemaRegistryServer registry)
            implements AutoCloseable {

        @Override
        public void close() throws Exception {
            // The registry reads its topic from the broker: stop it first.
            Parallel.closeAll(registry, broker::destroy);
        }
    }
}
