package io.claimflow.platform.outbox;

import io.claimflow.platform.kafka.ClaimFlowKafkaAutoConfiguration;
import io.claimflow.platform.kafka.RawRecordTemplate;
import io.claimflow.schemas.serde.ConfluentAvroSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The platform tables in PostgreSQL ({@link PlatformSchema}), {@link ProcessedEvents}, and with Kafka
 * {@link OutboxWriter} and {@link OutboxRelay}. Needs a {@link DataSource}; off with
 * {@code claimflow.outbox.enabled=false}.
 */
@AutoConfiguration(
        after = {DataSourceAutoConfiguration.class, KafkaAutoConfiguration.class, ClaimFlowKafkaAutoConfiguration.class
        })
@ConditionalOnClass({JdbcTemplate.class, Flyway.class})
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "claimflow.outbox.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ClaimFlowOutboxProperties.class)
public final class ClaimFlowOutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PlatformSchema claimFlowPlatformSchema(
            DataSource dataSource,
            ClaimFlowOutboxProperties properties,
            org.springframework.core.env.Environment environment) {
        // Migrations as the owner role where the service has one (spring.flyway.user), as Spring Boot's Flyway does;
        // the application's role (the DataSource) cannot create or alter tables.
        String user = environment.getProperty("spring.flyway.user");
        if (user == null || user.isBlank()) {
            return new PlatformSchema(dataSource, properties.migrate());
        }
        String url = environment.getProperty("spring.flyway.url", environment.getProperty("spring.datasource.url"));
        return new PlatformSchema(
                dataSource,
                properties.migrate(),
                new PlatformSchema.MigrationLogin(url, user, environment.getProperty("spring.flyway.password", "")));
    }

    @Bean
    @ConditionalOnMissingBean
    ProcessedEvents processedEvents(DataSource dataSource, PlatformSchema platformSchema) {
        return new ProcessedEvents(new JdbcTemplate(dataSource));
    }

    /** The outbox proper, where there is Kafka. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaTemplate.class)
    @ConditionalOnBean(RawRecordTemplate.class)
    static final class Outbox {

        @Bean
        @ConditionalOnMissingBean
        OutboxRelay outboxRelay(
                DataSource dataSource,
                RawRecordTemplate rawRecordTemplate,
                ProcessedEvents processedEvents,
                ClaimFlowOutboxProperties properties,
                PlatformSchema schema,
                ObjectProvider<ObservationRegistry> observationRegistry,
                ObjectProvider<MeterRegistry> meterRegistry,
                Environment environment) {
            return new OutboxRelay(
                    dataSource,
                    rawRecordTemplate,
                    processedEvents,
                    properties,
                    observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
                    meterRegistry.getIfUnique(CompositeMeterRegistry::new),
                    environment.getProperty("spring.application.name"));
        }

        @Bean
        @ConditionalOnMissingBean
        OutboxWriter outboxWriter(
                DataSource dataSource,
                ProducerFactory<Object, Object> producerFactory,
                OutboxRelay outboxRelay,
                PlatformSchema schema,
                ObjectProvider<ObservationRegistry> observationRegistry) {
            // Same registry settings as the producer, so the bytes are what the producer would have written.
            Map<String, Object> configs = new HashMap<>(producerFactory.getConfigurationProperties());
            ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
            serializer.configure(configs, false);
            return new OutboxWriter(
                    new JdbcTemplate(dataSource),
                    serializer,
                    outboxRelay::wakeUp,
                    observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
        }

        /** One transaction per batch of consumed records, where there is Kafka. */
        @Bean
        @ConditionalOnMissingBean
        TransactionalBatches claimFlowTransactionalBatches(
                DataSource dataSource,
                ObjectProvider<PlatformTransactionManager> transactionManager,
                ObjectProvider<ObservationRegistry> observationRegistry,
                ProcessedEvents processedEvents) {
            return new TransactionalBatches(
                    transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource)),
                    observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
                    processedEvents);
        }

        /** Backlog gauges, where there are metrics. */
        @Bean
        @ConditionalOnClass(MeterRegistry.class)
        @ConditionalOnMissingBean(OutboxMetrics.class)
        OutboxMetrics claimFlowOutboxMetrics(DataSource dataSource, PlatformSchema schema) {
            return new OutboxMetrics(new JdbcTemplate(dataSource));
        }
    }
}
