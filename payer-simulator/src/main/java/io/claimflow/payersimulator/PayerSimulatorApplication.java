package io.claimflow.payersimulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of payer-simulator. */
@SpringBootApplication
public class PayerSimulatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(PayerSimulatorApplication.class, args);
    }
}
