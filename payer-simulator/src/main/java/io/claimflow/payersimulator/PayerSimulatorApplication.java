package io.claimflow.payersimulator;

import io.claimflow.payersimulator.adjudication.Faults;
import io.claimflow.payersimulator.adjudication.PayerSimulator;
import io.claimflow.payersimulator.config.SimulatorProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Entry point of payer-simulator: a stand-in payer that answers 837P with 999, 277CA and 835. */
@SpringBootApplication
@EnableConfigurationProperties(SimulatorProperties.class)
public class PayerSimulatorApplication {

    /**
     * The configuration file is {@code payer-simulator.yml} (not application.yml), so the simulator can run inside
     * another application's JVM, e.g. the gateway's tests, without reading that application's configuration.
     */
    public static final String CONFIG_NAME = "spring.config.name=payer-simulator";

    public static void main(String[] args) {
        new SpringApplicationBuilder(PayerSimulatorApplication.class)
                .properties(CONFIG_NAME)
                .run(args);
    }

    @Bean
    Faults faults(SimulatorProperties properties) {
        return new Faults(properties.faults());
    }

    @Bean
    PayerSimulator payerSimulator(SimulatorProperties properties, Faults faults) {
        return new PayerSimulator(properties, faults, Clock.systemUTC());
    }
}
