package io.claimflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/** A second class in the same JVM: a Spring Boot test that gets the very same infrastructure. */
@SpringBootTest(classes = SharedInfrastructureTest.Empty.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ClaimFlowInfrastructure(database = "second")
class SharedInfrastructureTest {

    @Autowired
    private ConfigurableEnvironment environment;

    @Test
    void seesTheInfrastructureStartedOnceForThisJvm() {
        Infrastructure infrastructure = Infrastructure.get();
        assertThat(FirstSeen.remember(infrastructure)).isSameAs(infrastructure);
        assertThat(Infrastructure.starts()).isEqualTo(1);
        assertThat(System.getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(infrastructure.kafkaBootstrapServers());
    }

    @Test
    void springContextGetsTheAddressesAndItsOwnDatabase() {
        Infrastructure infrastructure = Infrastructure.get();
        String source = InfrastructureContextCustomizerFactory.InfrastructureContextCustomizer.PROPERTY_SOURCE;
        assertThat(environment.getPropertySources().contains(source)).isTrue();
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(infrastructure.kafkaBootstrapServers());
        assertThat(environment.getProperty("spring.kafka.properties.schema.registry.url"))
                .isEqualTo(infrastructure.schemaRegistryUrl());
        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo(infrastructure.jdbcUrl("second"))
                .endsWith("/second");
        assertThat(environment.getProperty("spring.datasource.username"))
                .isEqualTo(infrastructure.applicationUsername());
        assertThat(environment.getProperty("spring.datasource.password"))
                .isEqualTo(infrastructure.applicationPassword());
        assertThat(environment.getProperty("spring.flyway.user")).isEqualTo(infrastructure.username());
        assertThat(environment.getProperty("spring.flyway.password")).isEqualTo(infrastructure.password());
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {}
}
