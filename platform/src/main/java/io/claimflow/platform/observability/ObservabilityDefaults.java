package io.claimflow.platform.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Observability defaults every ClaimFlow service gets, added as the last property source so that anything a service
 * or its deployment sets wins.
 *
 * <ul>
 *   <li>Spring Kafka observations on templates and listeners: the trace context travels in record headers
 *   ({@code traceparent}), and the listener and send timers exist.</li>
 *   <li>Every trace sampled ({@code management.tracing.sampling.probability=1.0}): an encounter's path is only
 *   followable when all its hops are kept. Lower it where an exporter is configured and volume matters.</li>
 *   <li>No span export unless a deployment asks for it ({@code management.tracing.export.zipkin.enabled=true} and
 *   {@code management.tracing.export.zipkin.endpoint}); Boot would otherwise post to {@code localhost:9411}.</li>
 *   <li>Meters tagged {@code service=<spring.application.name>}, so one Prometheus can tell the services apart.</li>
 *   <li>{@code /actuator/prometheus} exposed next to health and info (ADMIN only, like every actuator endpoint but
 *   health).</li>
 * </ul>
 */
public final class ObservabilityDefaults implements EnvironmentPostProcessor {

    /** Name of the property source. */
    public static final String PROPERTY_SOURCE = "claimflowObservabilityDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.kafka.listener.observation-enabled", "true");
        defaults.put("spring.kafka.template.observation-enabled", "true");
        defaults.put("management.tracing.sampling.probability", "1.0");
        defaults.put("management.tracing.export.zipkin.enabled", "false");
        defaults.put("management.metrics.tags.service", "${spring.application.name:unknown}");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, defaults));
    }
}
