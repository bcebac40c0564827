package io.claimflow.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class Kafka, a schema registry and PostgreSQL, started once per JVM and shared by every test class.
 *
 * <p>Before the class runs (and before its Spring context starts) these are set, as system properties and, for Spring
 * test contexts, as a property source of highest precedence: {@code spring.kafka.bootstrap-servers},
 * {@code spring.kafka.properties.schema.registry.url}, {@code spring.datasource.url} (for {@link #database()}),
 * {@code spring.datasource.username} and {@code spring.datasource.password}. Use {@link Infrastructure#get()} for
 * addresses in plain tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ClaimFlowInfrastructureExtension.class)
public @interface ClaimFlowInfrastructure {

    /** Database the {@code spring.datasource.url} points at; created on first use. */
    String database() default Infrastructure.DEFAULT_DATABASE;
}
