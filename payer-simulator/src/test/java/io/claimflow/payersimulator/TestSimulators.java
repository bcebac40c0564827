package io.claimflow.payersimulator;

import io.claimflow.payersimulator.adjudication.Faults;
import io.claimflow.payersimulator.adjudication.PayerSimulator;
import io.claimflow.payersimulator.config.SimulatorProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The simulator without a web server: its shipped configuration (payer-simulator.yml) plus a test's overrides. */
public final class TestSimulators {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-12T09:30:00Z"), ZoneOffset.UTC);

    private TestSimulators() {}

    /** The shipped configuration with {@code overrides} (keys without the payer-simulator prefix) on top. */
    public static SimulatorProperties properties(Map<String, String> overrides) {
        try {
            List<PropertySource<?>> yaml = new YamlPropertySourceLoader()
                    .load("payer-simulator.yml", new ClassPathResource("payer-simulator.yml"));
            List<ConfigurationPropertySource> sources = new ArrayList<>();
            MapConfigurationPropertySource first = new MapConfigurationPropertySource();
            overrides.forEach((k, v) -> first.put("payer-simulator." + k, v));
            sources.add(first);
            ConfigurationPropertySources.from(yaml).forEach(sources::add);
            return new Binder(sources)
                    .bind("payer-simulator", SimulatorProperties.class)
                    .get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PayerSimulator simulator(Map<String, String> overrides) {
        SimulatorProperties properties = properties(overrides);
        return new PayerSimulator(properties, new Faults(properties.faults()), CLOCK);
    }

    public static byte[] fixture(String name) {
        try (InputStream in = TestSimulators.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
