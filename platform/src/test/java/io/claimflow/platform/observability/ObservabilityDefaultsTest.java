package io.claimflow.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The trace sampling rate: every trace by default (platform/README.md says why), and whatever a service or its
 * deployment sets wins (e.g. {@code MANAGEMENT_TRACING_SAMPLING_PROBABILITY=0.1} in a process's environment).
 */
class ObservabilityDefaultsTest {

    private static final String SAMPLING = "management.tracing.sampling.probability";

    @Test
    void everyTraceIsSampledByDefault() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);

        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(SAMPLING, Double.class)).isEqualTo(1.0);
    }

    @Test
    void aDeploymentSetsTheSamplingRate() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("deployment", Map.of(SAMPLING, "0.1")));

        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(SAMPLING, Double.class)).isEqualTo(0.1);
    }
}
