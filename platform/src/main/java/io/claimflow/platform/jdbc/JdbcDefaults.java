package io.claimflow.platform.jdbc;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * JDBC defaults every ClaimFlow service gets, added as the last property source so that anything a service or its
 * deployment sets wins: the PostgreSQL driver rewrites a JDBC batch of inserts into multi-row inserts
 * ({@code reWriteBatchedInserts}), so a transaction's outbox rows, a claim's lines or a poll's timeline rows cost
 * PostgreSQL one statement instead of one per row (issue 22).
 */
public final class JdbcDefaults implements EnvironmentPostProcessor {

    /** Name of the property source. */
    public static final String PROPERTY_SOURCE = "claimflowJdbcDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        PROPERTY_SOURCE,
                        Map.of("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "true")));
    }
}
